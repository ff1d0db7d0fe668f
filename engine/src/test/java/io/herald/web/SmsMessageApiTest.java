package io.herald.web;

import static io.herald.web.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.app.HeraldNode;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.RecordingGateway;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional SMS over real HTTP ({@code POST /api/messages} with {@code "channel": "sms"}, and
 * {@code POST /api/sms/preview}) on a node whose SMS port is a recording gateway: status per
 * recipient, Idempotency-Key, every kind of bad input, and a node without SMS.
 */
class SmsMessageApiTest {
  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  final ObjectMapper json = HeraldNode.objectMapper();
  final RecordingGateway gateway = new RecordingGateway();
  TestNode node;
  String key;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(TestNode.config(data), clock, TestNode.sms(gateway));
    key = node.createAccount("Shop Co");
  }

  @AfterEach
  void stop() {
    node.close();
  }

  static Map<String, Object> sms(Object to, String from, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "sms");
    body.put("to", to);
    body.put("from", from);
    body.put("text", text);
    return body;
  }

  HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.url(path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return node.send(request.build());
  }

  HttpResponse<String> send(Map<String, Object> body, String idempotencyKey) throws Exception {
    return post("/api/messages", json.writeValueAsString(body), idempotencyKey);
  }

  JsonNode awaitStatus(String id, String status) throws Exception {
    return Await.until(
        () -> node.json(node.get("/api/messages/" + id, key)),
        m -> status.equals(m.path("status").asText()));
  }

  @Test
  void anSmsIsAcceptedAndEachRecipientShowsItsSubmittedState() throws Exception {
    HttpResponse<String> sent =
        send(sms(List.of("+380 50 123 45 67", "+380671234567"), "ShopUA", "Code 4711"), null);

    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String id = node.json(sent).get("id").asText();
    JsonNode status = awaitStatus(id, "submitted");
    assertThat(status.get("channel").asText()).isEqualTo("sms");
    assertThat(status.get("from").asText()).isEqualTo("ShopUA");
    assertThat(status.get("subject").asText()).isEmpty();
    JsonNode first = status.get("recipients").get(0);
    assertThat(first.get("address").asText()).isEqualTo("+380501234567");
    assertThat(first.get("status").asText()).isEqualTo("submitted");
    assertThat(first.get("attempts").asInt()).isEqualTo(1);
    assertThat(first.get("messageIds").get(0).asText()).startsWith("smsc-");
    assertThat(status.get("recipients").get(1).get("address").asText()).isEqualTo("+380671234567");
    JsonNode listed = node.json(node.get("/api/messages", key)).get("messages").get(0);
    assertThat(listed.get("channel").asText()).isEqualTo("sms");
    assertThat(gateway.submitted()).hasSize(2);
  }

  @Test
  void theSameIdempotencyKeyAnswersTheFirstSmsAndSendsNothingNew() throws Exception {
    Map<String, Object> request = sms("+380501234567", "+380441234567", "Your code: 1");
    HttpResponse<String> first = send(request, "otp-77");
    HttpResponse<String> again = send(request, "otp-77");

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    String id = node.json(first).get("id").asText();
    assertThat(node.json(again).get("id").asText()).isEqualTo(id);
    awaitStatus(id, "submitted");
    assertProblem(send(sms("+380501234567", "+380441234567", "other"), "otp-77"), 422);
    Await.until(() -> node.node().transactionalBacklog(), n -> n == 0);
    assertThat(gateway.submitted()).hasSize(1);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
    assertProblem(post("/api/messages", "{\"channel\": \"sms\", \"to\": [", null), 400, "JSON");
    assertProblem(send(sms("0501234567", "ShopUA", "Hi"), null), 400, "to[0]", "+");
    assertProblem(
        send(sms(List.of("+380501234567", "+38050"), "ShopUA", "Hi"), null), 400, "to[1]");
    assertProblem(send(sms("+380501234567", "Shop-UA!", "Hi"), null), 400, "from");
    assertProblem(send(sms("+380501234567", "ShopUkraine12", "Hi"), null), 400, "from");
    assertProblem(send(sms("+380501234567", "12345", "Hi"), null), 400, "from");
    assertProblem(send(sms("+380501234567", "ShopUA", ""), null), 400, "text");
    assertProblem(send(sms("+380501234567", "ShopUA", "x".repeat(1531)), null), 400, "text");
    assertProblem(send(sms(List.of(), "ShopUA", "Hi"), null), 400, "to");
    Map<String, Object> withSubject = sms("+380501234567", "ShopUA", "Hi");
    withSubject.put("subject", "Hello");
    assertProblem(send(withSubject, null), 400, "subject");
    Map<String, Object> noText = sms("+380501234567", "ShopUA", "Hi");
    noText.remove("text");
    assertProblem(send(noText, null), 400, "text");
    Map<String, Object> fax = sms("+380501234567", "ShopUA", "Hi");
    fax.put("channel", "fax");
    assertProblem(send(fax, null), 400, "channel");

    assertThat(node.json(node.get("/api/messages", key)).get("messages")).isEmpty();
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void aPreviewShowsTheEncodingAndTheParts() throws Exception {
    JsonNode one = preview("a".repeat(160));
    assertThat(one.get("encoding").asText()).isEqualTo("GSM-7");
    assertThat(one.get("characters").asInt()).isEqualTo(160);
    assertThat(one.get("units").asInt()).isEqualTo(160);
    assertThat(one.get("parts").asInt()).isEqualTo(1);
    assertThat(one.get("unitsPerPart").asInt()).isEqualTo(160);
    assertThat(one.get("remaining").asInt()).isZero();

    JsonNode two = preview("a".repeat(161));
    assertThat(two.get("parts").asInt()).isEqualTo(2);
    assertThat(two.get("unitsPerPart").asInt()).isEqualTo(153);
    assertThat(two.get("remaining").asInt()).isEqualTo(153 - 8);

    JsonNode cyrillic = preview("Ваш код: 4711");
    assertThat(cyrillic.get("encoding").asText()).isEqualTo("UCS-2");
    assertThat(cyrillic.get("characters").asInt()).isEqualTo(13);
    assertThat(cyrillic.get("unitsPerPart").asInt()).isEqualTo(70);

    assertProblem(post("/api/sms/preview", "{\"text\": \"\"}", null), 400, "text");
    assertProblem(post("/api/sms/preview", "{}", null), 400, "text");
  }

  JsonNode preview(String text) throws Exception {
    HttpResponse<String> answer =
        post("/api/sms/preview", json.writeValueAsString(Map.of("text", text)), null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return node.json(answer);
  }

  @Test
  void aServerWithoutSmsAnswers422() throws Exception {
    node.close();
    node = TestNode.start(TestNode.config(data), clock);
    key = node.createAccount("Plain Co");

    assertProblem(
        send(sms("+380501234567", "ShopUA", "Hi"), null),
        422,
        "SMS is not configured on this server");
    assertProblem(
        post("/api/sms/preview", "{\"text\": \"Hi\"}", null),
        422,
        "SMS is not configured on this server");
  }
}
