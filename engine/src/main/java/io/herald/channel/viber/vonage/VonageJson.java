package io.herald.channel.viber.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.channel.viber.ViberContent;
import io.herald.channel.viber.ViberReport;
import io.herald.channel.viber.ViberReport.State;
import io.herald.channel.viber.ViberSubmission;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The Vonage Messages API's JSON, in one place: the body of {@code POST /v1/messages} for the
 * {@code viber_service} channel, its answers, the message status callback and a Reports API record
 * (field names and values as docs/viber.md cites them). Nothing else in Herald knows these names.
 */
final class VonageJson {
  static final String CHANNEL = "viber_service";

  private final ObjectMapper mapper;

  VonageJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The send request. Text goes as {@code message_type: text}; an image as {@code image} (its
   * caption is the text when there is one); the button as {@code viber_service.action}; Herald's
   * message id as {@code client_ref}, which Vonage echoes in every status callback.
   */
  byte[] sendRequest(ViberSubmission s) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode viber = mapper.createObjectNode();
    viber.put("category", s.promotional() ? "promotion" : "transaction");
    viber.put("ttl", s.ttl().toSeconds());
    switch (s.content()) {
      case ViberContent.Text t -> text(body, t.text());
      case ViberContent.Image i -> image(body, i.imageUrl(), null);
      case ViberContent.TextButton tb -> {
        text(body, tb.text());
        action(viber, tb.button());
      }
      case ViberContent.TextImageButton tib -> {
        image(body, tib.imageUrl(), tib.text());
        action(viber, tib.button());
      }
    }
    body.put("to", digits(s.to()));
    body.put("from", s.sender());
    body.put("channel", CHANNEL);
    body.put("client_ref", s.messageId());
    body.set(CHANNEL, viber);
    try {
      return mapper.writeValueAsBytes(body);
    } catch (IOException e) { // a tree of strings and numbers always serialises
      throw new IllegalStateException(e);
    }
  }

  private static void text(ObjectNode body, String text) {
    body.put("message_type", "text");
    body.put("text", text);
  }

  private void image(ObjectNode body, String url, String caption) {
    body.put("message_type", "image");
    ObjectNode image = body.putObject("image");
    image.put("url", url);
    if (caption != null) {
      image.put("caption", caption);
    }
  }

  private static void action(ObjectNode viber, ViberContent.Button button) {
    ObjectNode action = viber.putObject("action");
    action.put("url", button.url());
    action.put("text", button.caption());
  }

  /** Vonage wants the number in international form without {@code +} or {@code 00}. */
  static String digits(String e164) {
    return e164.startsWith("+") ? e164.substring(1) : e164;
  }

  /** The {@code message_uuid} of a 202 answer, if the body has one. */
  Optional<String> messageUuid(byte[] body) {
    return tree(body).map(n -> n.path("message_uuid").asText("")).filter(s -> !s.isEmpty());
  }

  /** The reason of an error answer (RFC 7807: title and detail), or the status alone. */
  String reason(int status, byte[] body) {
    Optional<JsonNode> tree = tree(body);
    String title = tree.map(n -> n.path("title").asText("")).orElse("");
    String detail = tree.map(n -> n.path("detail").asText("")).orElse("");
    String text = (title + (title.isEmpty() || detail.isEmpty() ? "" : ": ") + detail).strip();
    return oneLine("HTTP " + status + (text.isEmpty() ? "" : " " + text));
  }

  Optional<JsonNode> tree(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      return node == null || !node.isObject() ? Optional.empty() : Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The report in a status callback, or empty when it is one Herald does not act on ({@code
   * submitted}, another channel, no {@code client_ref}). {@code at} is Vonage's {@code timestamp},
   * or {@code received} when it has none.
   */
  Optional<ViberReport> statusReport(JsonNode status, Instant received) {
    String clientRef = status.path("client_ref").asText("");
    if (clientRef.isEmpty() || !CHANNEL.equals(status.path("channel").asText(CHANNEL))) {
      return Optional.empty();
    }
    JsonNode error = status.path("error");
    String detail = errorText(error);
    Optional<State> state =
        state(status.path("status").asText(""), error.path("title").asText(""), detail);
    return state.map(
        s -> new ViberReport(clientRef, s, detail, instant(status.path("timestamp"), received)));
  }

  /**
   * A Reports API record (product MESSAGES) as a report: {@code client_ref}, {@code status} and
   * {@code error_code} / {@code error_code_description}, {@code date_finalized} or {@code
   * date_received} for the time.
   */
  Optional<ViberReport> recordReport(JsonNode record, Instant received) {
    String clientRef = record.path("client_ref").asText("");
    if (clientRef.isEmpty()) {
      return Optional.empty();
    }
    String code = record.path("error_code").asText("");
    String description = record.path("error_code_description").asText("");
    String detail = oneLine((code + " " + description).strip());
    JsonNode at =
        record.hasNonNull("date_finalized")
            ? record.path("date_finalized")
            : record.path("date_received");
    return state(record.path("status").asText(""), code, detail)
        .map(s -> new ViberReport(clientRef, s, detail, instant(at, received)));
  }

  /**
   * Vonage's statuses: {@code delivered}; {@code read} (seen); {@code rejected} and {@code
   * undeliverable} with an error saying why — the TTL ran out (expired), the number has no Viber,
   * the user blocked the sender, or anything else (undelivered). Vonage gives the reason as text
   * and a numeric code; the text is what it documents for these cases, so that is what is read.
   */
  static Optional<State> state(String status, String code, String detail) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "delivered" -> Optional.of(State.DELIVERED);
      case "read", "seen" -> Optional.of(State.SEEN);
      case "rejected", "undeliverable", "failed", "expired" ->
          Optional.of(failure(status, code + " " + detail));
      default -> Optional.empty(); // submitted, accepted, buffered...: not an outcome yet
    };
  }

  private static State failure(String status, String reason) {
    String r = reason.toLowerCase(Locale.ROOT);
    if (r.contains("not a viber user")
        || r.contains("not_viber_user")
        || r.contains("no viber")
        || r.contains("not registered")) {
      return State.NOT_VIBER_USER;
    }
    if (r.contains("blocked")) {
      return State.BLOCKED;
    }
    if (status.equalsIgnoreCase("expired") || r.contains("ttl") || r.contains("expired")) {
      return State.EXPIRED;
    }
    return State.UNDELIVERED;
  }

  private static String errorText(JsonNode error) {
    if (!error.isObject()) {
      return "";
    }
    String title = error.path("title").asText("");
    String detail = error.path("detail").asText("");
    return oneLine((title + (title.isEmpty() || detail.isEmpty() ? "" : " ") + detail).strip());
  }

  private static Instant instant(JsonNode value, Instant fallback) {
    String text = value.asText("");
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try { // the Reports API writes offsets such as +0000 as well
        return java.time.OffsetDateTime.parse(
                text, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX"))
            .toInstant();
      } catch (DateTimeParseException again) {
        return fallback;
      }
    }
  }

  static String oneLine(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ");
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
