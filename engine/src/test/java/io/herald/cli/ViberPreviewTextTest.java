package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * How {@code campaign preview ID --phone …} prints a Viber campaign's preview (the shape the API
 * answers, as openapi.json's CampaignViberPreview documents it): the message with its image and
 * button, then the SMS fallback as an SMS preview prints, or that there is none.
 */
class ViberPreviewTextTest {
  static final String MESSAGE =
      """
      {"to": "+380501234501", "from": "Acme Shop", "ttlSeconds": 43200,
       "viber": {"shape": "text+image+button", "characters": 48, "maxCharacters": 1000,
                 "text": "Hi Ann\\nUnsubscribe: https://h.example/s/xxxxxxxxxx",
                 "imageUrl": "https://cdn.acme.example/sale.png",
                 "button": {"caption": "Shop now", "url": "https://acme.example/sale",
                            "trackedUrl": "https://h.example/l/xxxxxxxxxx"}}""";

  static String print(String json) throws Exception {
    JsonNode preview = new ObjectMapper().readTree(json);
    StringWriter out = new StringWriter();
    ViberPreviewText.print(new PrintWriter(out, true), preview);
    return out.toString();
  }

  @Test
  void theMessageThenTheSmsFallback() throws Exception {
    String printed =
        print(
            MESSAGE
                + """
                , "fallback": {"to": "+380501234501", "from": "AcmeShop", "text": "Hi Ann by SMS",
                 "encoding": "GSM-7", "characters": 13, "units": 13, "parts": 1,
                 "unitsPerPart": 160, "remaining": 147}}""");
    assertThat(printed.lines())
        .containsSubsequence(
            "Viber from: Acme Shop",
            "To: +380501234501",
            "Valid for: 43200 s",
            "text+image+button, 48 of 1000 characters",
            "Image: https://cdn.acme.example/sale.png",
            "Button: [Shop now] https://acme.example/sale (sent as the tracked link"
                + " https://h.example/l/xxxxxxxxxx)",
            "Hi Ann",
            "Unsubscribe: https://h.example/s/xxxxxxxxxx",
            "SMS fallback, when Viber cannot reach the number:",
            "From: AcmeShop",
            "GSM-7, 13 characters, 13 of 160 units in 1 part(s)",
            "Hi Ann by SMS");
  }

  @Test
  void withoutAFallbackItSaysSo() throws Exception {
    assertThat(print(MESSAGE + "}"))
        .contains("No SMS fallback: a number Viber cannot reach gets nothing.")
        .doesNotContain("From: ");
  }
}
