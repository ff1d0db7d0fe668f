package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * A Viber campaign's preview as {@code herald campaign preview ID --phone …} prints it: the sender
 * name, the number and the validity, the shape and its length, the image and the button, the text
 * as Viber would show it, then the SMS sent instead when Viber cannot reach the number (or that
 * there is none).
 */
final class ViberPreviewText {
  private ViberPreviewText() {}

  static void print(PrintWriter out, JsonNode preview) {
    JsonNode viber = preview.get("viber");
    out.println("Viber from: " + preview.get("from").asText());
    out.println("To: " + preview.get("to").asText());
    out.println("Valid for: " + preview.get("ttlSeconds").asLong() + " s");
    out.printf(
        "%s, %d of %d characters%n",
        viber.path("shape").asText(),
        viber.path("characters").asInt(),
        viber.path("maxCharacters").asInt());
    if (viber.has("imageUrl")) {
      out.println("Image: " + viber.get("imageUrl").asText());
    }
    if (viber.has("button")) {
      out.printf(
          "Button: [%s] %s (sent as the tracked link %s)%n",
          viber.at("/button/caption").asText(),
          viber.at("/button/url").asText(),
          viber.at("/button/trackedUrl").asText());
    }
    out.println();
    out.println(viber.path("text").asText());
    out.println();
    JsonNode fallback = preview.path("fallback");
    if (fallback.isMissingNode()) {
      out.println("No SMS fallback: a number Viber cannot reach gets nothing.");
      return;
    }
    out.println("SMS fallback, when Viber cannot reach the number:");
    CampaignCommand.printSms(out, fallback);
  }
}
