package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.app.HeraldNode;
import io.herald.config.HeraldConfig;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transactional API over real HTTP, delivered through the real queue and worker to GreenMail:
 * idempotent sends, status per recipient, pagination, templates and every kind of bad input.
 */
class MessageApiTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  TestNode node;
  String key;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  final ObjectMapper json = HeraldNode.objectMapper();

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            clock);
    key = node.createAccount("Shop Co");
    node.attestDomain(key, "shop.example");
  }

  @AfterEach
  void stop() {
    node.close();
  }

  static Map<String, Object> message(String to, String subject) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", to);
    body.put("from", "orders@shop.example");
    body.put("fromName", "Shop Co");
    body.put("subject", subject);
    body.put("html", "<p>Your order <a href=\"https://shop.example/o/1\">#1</a> shipped.</p>");
    return body;
  }

  HttpResponse<String> send(Map<String, Object> body, String idempotencyKey) throws Exception {
    return post("/api/messages", json.writeValueAsString(body), idempotencyKey);
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

  void awaitNothingQueued() throws Exception {
    Await.until(() -> node.node().transactionalBacklog(), n -> n == 0);
  }

  JsonNode awaitStatus(String id, String status) throws Exception {
    return Await.until(
        () -> node.json(node.get("/api/messages/" + id, key)),
        m -> status.equals(m.path("status").asText()));
  }

  @Test
  void aMessageIsAcceptedDeliveredAndCarriesTheFooterAndUnsubscribeHeaders() throws Exception {
    HttpResponse<String> sent = send(message("ann@example.org", "Order shipped"), null);

    assertThat(sent.statusCode()).isEqualTo(202);
    JsonNode accepted = node.json(sent);
    assertThat(accepted.get("status").asText()).isIn("queued", "delivered");
    String id = accepted.get("id").asText();
    JsonNode status = awaitStatus(id, "delivered");
    JsonNode recipient = status.get("recipients").get(0);
    assertThat(recipient.get("address").asText()).isEqualTo("ann@example.org");
    assertThat(recipient.get("attempts").asInt()).isEqualTo(1);
    assertThat(recipient.get("reply").asText()).startsWith("250");
    assertThat(status.get("source").asText()).isEqualTo("api");

    MimeMessage received = mail.getReceivedMessages()[0];
    assertThat(received.getHeader("List-Unsubscribe")[0]).contains("/u/").contains("mailto:unsub+");
    assertThat(received.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(received.getHeader("Feedback-ID")[0]).startsWith(id + ":");
    assertThat(received.getHeader("Return-Path")[0]).contains("bounces+");
    assertThat(received.getSubject()).isEqualTo("Order shipped");
    String body = GreenMailUtil.getBody(received);
    assertThat(body)
        .contains("This message was sent to ann@example.org by Shop Co.")
        .contains("Unsubscribe")
        .contains("https://shop.example/o/1"); // links are not rewritten for tracking
  }

  @Test
  void theSameIdempotencyKeyTwiceSendsOnceAndADifferentRequestIsRefused() throws Exception {
    Map<String, Object> request = message("bob@example.org", "Receipt");
    HttpResponse<String> first = send(request, "order-42");
    HttpResponse<String> again = send(request, "order-42");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    String id = node.json(first).get("id").asText();
    assertThat(node.json(again).get("id").asText()).isEqualTo(id);
    assertThat(node.json(again).get("replayed").asBoolean()).isTrue();
    awaitStatus(id, "delivered");

    Map<String, Object> changed = message("bob@example.org", "Another receipt");
    HttpResponse<String> refused = send(changed, "order-42");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(node.json(refused).get("detail").asText()).contains("different request");

    awaitNothingQueued(); // a second copy, had one been queued, would be waiting or sent
    assertThat(mail.getReceivedMessages()).hasSize(1);
    assertThat(node.json(node.get("/api/messages", key)).get("messages")).hasSize(1);
  }

  @Test
  void concurrentSubmitsWithOneKeyCreateExactlyOneMessage() throws Exception {
    Map<String, Object> request = message("carol@example.org", "Password reset");
    int threads = 16;
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      calls.add(() -> send(request, "reset-7"));
    }
    Set<String> ids = new HashSet<>();
    int replayed = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        HttpResponse<String> response = f.get();
        assertThat(response.statusCode()).isEqualTo(202);
        ids.add(node.json(response).get("id").asText());
        replayed += node.json(response).get("replayed").asBoolean() ? 1 : 0;
      }
    }
    assertThat(ids).hasSize(1);
    assertThat(replayed).isEqualTo(threads - 1);
    awaitStatus(ids.iterator().next(), "delivered");
    awaitNothingQueued();
    assertThat(mail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void headerInjectionThroughAnyFieldIsRefusedAndNothingIsWritten() throws Exception {
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (String field : List.of("to", "from", "fromName", "subject", "replyTo")) {
      for (String evil : List.of("\r\nBcc: victim@example.net", "\nX: y", "\u0000")) {
        Map<String, Object> body = message("dan@example.org", "Hello");
        body.put("replyTo", "help@shop.example");
        body.put(field, body.get(field) + evil);
        attempts.add(body);
      }
    }
    for (Map<String, Object> body : attempts) {
      HttpResponse<String> refused = send(body, null);
      assertThat(refused.statusCode()).as(body.toString()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    assertThat(node.json(node.get("/api/messages", key)).get("messages")).isEmpty();
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void anotherAccountsMessageAndForgedIdsAreNotFound() throws Exception {
    String id = node.json(send(message("eve@example.org", "Hi"), null)).get("id").asText();
    String other = node.createAccount("Other Co");

    assertThat(node.get("/api/messages/" + id, other).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/messages/" + id, key).statusCode()).isEqualTo(200);
    for (String forged : List.of("0000000000000000", "../../etc", "ZZZZ", id + "0")) {
      HttpResponse<String> response = node.get("/api/messages/" + forged, key);
      assertThat(response.statusCode()).as(forged).isEqualTo(404);
    }
    assertThat(node.get("/api/messages/" + id, "not-a-key").statusCode()).isEqualTo(401);
  }

  @Test
  void messagesArePagedNewestFirst() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(node.json(send(message("p" + i + "@example.org", "M" + i), null)).get("id").asText());
      clock.advance(Duration.ofMillis(1)); // distinct acceptance times
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          node.json(
              node.get("/api/messages?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key));
      page.get("messages").forEach(m -> seen.add(m.get("id").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(ids.reversed());
    assertThat(node.get("/api/messages?cursor=0123456789abcdef", key).statusCode()).isEqualTo(400);
    assertThat(node.get("/api/messages?limit=0", key).statusCode()).isEqualTo(400);
    assertThat(node.get("/api/messages?limit=x", key).statusCode()).isEqualTo(400);
  }

  @Test
  void malformedUnknownAndOversizeBodiesAreBadRequests() throws Exception {
    Map<String, Object> unknown = message("f@example.org", "Hi");
    unknown.put("cc", "g@example.org");
    Map<String, String> bodies =
        Map.of(
            "malformed", "{\"to\": ",
            "unknown field", json.writeValueAsString(unknown),
            "oversize", json.writeValueAsString(Map.of("html", "x".repeat(950_000))),
            "no body", "",
            "not an object", "[1,2]");
    for (var entry : bodies.entrySet()) {
      HttpResponse<String> response = post("/api/messages", entry.getValue(), null);
      assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(entry.getKey())
          .hasValue("application/problem+json");
    }
    Map<String, Object> noBody = message("f@example.org", "Hi");
    noBody.remove("html");
    assertThat(node.json(send(noBody, null)).get("detail").asText()).contains("body is required");
  }

  @Test
  void aStoredTemplateIsRenderedWithTheMessagesData() throws Exception {
    HttpResponse<String> put =
        node.send(
            HttpRequest.newBuilder(node.url("/api/templates/welcome"))
                .header("Authorization", "Bearer " + key)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(
                            Map.of(
                                "subject", "Welcome, {{name}}",
                                "html", "<p>Hello {{name}}, your code is {{code}}</p>"))))
                .build());
    assertThat(put.statusCode()).isEqualTo(200);
    JsonNode stored = node.json(node.get("/api/templates/welcome", key));
    assertThat(stored.get("subject").asText()).isEqualTo("Welcome, {{name}}");

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", List.of("gus@example.org"));
    body.put("from", "hello@shop.example");
    body.put("template", "welcome");
    body.put("data", Map.of("name", "Gus <b>", "code", "4711"));
    String id = node.json(send(body, null)).get("id").asText();
    awaitStatus(id, "delivered");

    MimeMessage received = mail.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo("Welcome, Gus <b>");
    assertThat(GreenMailUtil.getBody(received)).contains("4711").contains("Gus &lt;b&gt;");

    body.put("template", "missing");
    HttpResponse<String> unknown = send(body, null);
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(node.get("/api/templates/missing", key).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/templates/welcome", node.createAccount("Else")).statusCode())
        .isEqualTo(404);
  }
}
