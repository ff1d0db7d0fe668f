package io.herald.channel.viber.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The simulator's side of the Vonage HTTP contract: {@code POST /v1/messages} (Basic
 * authentication, the {@code viber_service} JSON, 202 with a {@code message_uuid}, RFC 7807 errors:
 * 401, 400 for JSON that does not parse, 422 for invalid parameters, injected 429/5xx) and {@code
 * GET /v2/reports/records} (the records of outbound messages in a date window, paged with {@code
 * _links.next}).
 */
final class SimRoutes {
  static final int MAX_TEXT = 1000;
  static final int MAX_CAPTION = 30;
  static final long MIN_TTL = 30;
  static final long MAX_TTL = 259_200;
  private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{6,14}");
  private static final Pattern CLIENT_REF = Pattern.compile(".{1,100}");

  private final ViberSimulator sim;
  private final ObjectMapper mapper;
  private final String authorization;

  SimRoutes(ViberSimulator sim, ObjectMapper mapper, String apiKey, String apiSecret) {
    this.sim = sim;
    this.mapper = mapper;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
  }

  void send(Context ctx) throws InterruptedException {
    sim.sends.incrementAndGet();
    sim.script.hold.await();
    if (!authorization.equals(ctx.header("Authorization"))) {
      problem(ctx, 401, "Unauthorized", "You did not provide correct credentials.");
      return;
    }
    Optional<SimScript.Fault> fault = sim.script.nextFault();
    if (fault.isPresent()) {
      sim.faults.incrementAndGet();
      fault.get().retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
      int status = fault.get().status();
      problem(ctx, status, status == 429 ? "Rate Limit Hit" : "Internal Error", "injected fault");
      return;
    }
    JsonNode body;
    try {
      body = mapper.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      problem(ctx, 400, "Invalid JSON", "The request body is not a JSON object.");
      return;
    }
    Optional<String> invalid = invalid(body);
    if (invalid.isPresent()) {
      problem(ctx, 422, "Invalid params", invalid.get());
      return;
    }
    String uuid = UUID.randomUUID().toString();
    sim.accept(received(uuid, body));
    ctx.status(202).contentType("application/json").result("{\"message_uuid\":\"" + uuid + "\"}");
  }

  private static Optional<String> invalid(JsonNode b) {
    String type = b.path("message_type").asText("");
    JsonNode viber = b.path("viber_service");
    JsonNode action = viber.path("action");
    if (!"viber_service".equals(b.path("channel").asText())) {
      return Optional.of("channel must be viber_service");
    }
    if (!DIGITS.matcher(b.path("to").asText("")).matches()) {
      return Optional.of("to must be an international number without + or 00");
    }
    if (b.path("from").asText("").isEmpty()) {
      return Optional.of("from (the Viber service message id) is required");
    }
    if (b.has("client_ref") && !CLIENT_REF.matcher(b.path("client_ref").asText()).matches()) {
      return Optional.of("client_ref is at most 100 characters");
    }
    if (!Set.of("text", "image").contains(type)) {
      return Optional.of("message_type must be text or image for viber_service here");
    }
    String text =
        type.equals("text")
            ? b.path("text").asText("")
            : b.path("image").path("caption").asText("");
    if (type.equals("text") && text.isEmpty()) {
      return Optional.of("text is required");
    }
    if (type.equals("image") && !b.path("image").path("url").asText("").startsWith("https://")) {
      return Optional.of("image.url must be an https URL");
    }
    if (text.length() > MAX_TEXT) {
      return Optional.of("text is at most 1000 characters");
    }
    if (viber.has("ttl")
        && (!viber.path("ttl").canConvertToLong()
            || viber.path("ttl").asLong() < MIN_TTL
            || viber.path("ttl").asLong() > MAX_TTL)) {
      return Optional.of("viber_service.ttl must be 30..259200 seconds");
    }
    if (viber.has("category")
        && !Set.of("transaction", "promotion").contains(viber.path("category").asText())) {
      return Optional.of("viber_service.category must be transaction or promotion");
    }
    if (!action.isMissingNode()
        && (action.path("text").asText("").isEmpty()
            || action.path("text").asText().length() > MAX_CAPTION
            || !action.path("url").asText("").startsWith("https://"))) {
      return Optional.of(
          "viber_service.action needs text (at most 30 characters) and an https url");
    }
    return Optional.empty();
  }

  private static Received received(String uuid, JsonNode b) {
    JsonNode viber = b.path("viber_service");
    return new Received(
        uuid,
        b.path("client_ref").asText(""),
        b.path("to").asText(),
        b.path("from").asText(),
        b.path("message_type").asText(),
        b.path("text").asText(""),
        b.path("image").path("url").asText(""),
        b.path("image").path("caption").asText(""),
        viber.path("action").path("url").asText(""),
        viber.path("action").path("text").asText(""),
        viber.path("category").asText(""),
        viber.path("ttl").asLong(-1));
  }

  void records(Context ctx) {
    sim.polls.incrementAndGet();
    if (!authorization.equals(ctx.header("Authorization"))) {
      problem(ctx, 401, "Unauthorized", "You did not provide correct credentials.");
      return;
    }
    if (!"MESSAGES".equals(ctx.queryParam("product"))
        || !"outbound".equals(ctx.queryParam("direction"))) {
      problem(ctx, 400, "Invalid parameters", "product=MESSAGES and direction=outbound are needed");
      return;
    }
    Instant start;
    Instant end;
    try {
      start = Instant.parse(String.valueOf(ctx.queryParam("date_start")));
      end = Instant.parse(String.valueOf(ctx.queryParam("date_end")));
    } catch (DateTimeParseException e) {
      problem(ctx, 400, "Invalid parameters", "date_start and date_end must be ISO-8601 UTC");
      return;
    }
    int cursor = Math.max(0, parseInt(ctx.queryParam("cursor")));
    List<SimMessage> window = sim.messagesBetween(start, end);
    int to = Math.min(window.size(), cursor + sim.recordsPageSize);
    ObjectNode page = mapper.createObjectNode();
    ArrayNode records = page.putArray("records");
    for (SimMessage m : window.subList(Math.min(cursor, to), to)) {
      ObjectNode r = records.addObject();
      r.put("message_id", m.received.messageUuid());
      r.put("client_ref", m.received.clientRef());
      r.put("to", m.received.to());
      r.put("from", m.received.from());
      r.put("status", m.status());
      r.put("error_code", m.errorCode());
      r.put("error_code_description", m.errorText());
      r.put("date_received", m.receivedAt.toString());
      if (m.finalizedAt() != null) {
        r.put("date_finalized", m.finalizedAt().toString());
      }
    }
    if (to < window.size()) {
      String self = ctx.fullUrl().replaceAll("&cursor=[0-9]*", "");
      page.putObject("_links").putObject("next").put("href", self + "&cursor=" + to);
    }
    ctx.status(200).contentType("application/json").result(page.toString());
  }

  private static int parseInt(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void problem(Context ctx, int status, String title, String detail) {
    ObjectNode body = mapper.createObjectNode();
    body.put("type", "https://developer.vonage.com/api-errors");
    body.put("title", title);
    body.put("detail", detail);
    body.put("instance", UUID.randomUUID().toString());
    ctx.status(status).contentType("application/problem+json").result(body.toString());
  }
}
