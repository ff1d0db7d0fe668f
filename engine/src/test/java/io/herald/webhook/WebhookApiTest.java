package io.herald.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.HeraldConfig;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook API as production runs it (private targets refused): registration and what it
 * refuses, one account's endpoints invisible to another, pagination, deletion. Public targets are
 * IP literals, so no test depends on DNS; nothing here is ever posted.
 */
class WebhookApiTest {
  static final String PUBLIC = "https://93.184.215.14/hooks/herald";

  @TempDir Path data;
  TestNode node;
  String key;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig test = TestNode.config(data);
    node =
        TestNode.start(
            test.withWebhooks(test.webhooks().withAllowPrivateTargets(false)), Clock.systemUTC());
    key = node.createAccount("Shop Co");
  }

  @AfterEach
  void stop() {
    node.close();
  }

  HttpResponse<String> register(String token, String body) throws Exception {
    return node.post("/api/webhooks", token, "application/json", body.getBytes(UTF_8));
  }

  HttpResponse<String> delete(String path, String token) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path))
            .header("Authorization", "Bearer " + token)
            .DELETE()
            .build());
  }

  void assertRefused(String body, String detail) throws Exception {
    HttpResponse<String> refused = register(key, body);
    assertThat(refused.statusCode()).as(body).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(node.json(refused).get("detail").asText()).as(body).contains(detail);
  }

  @Test
  void anEndpointIsRegisteredWithItsSecretShownOnce() throws Exception {
    HttpResponse<String> created =
        register(key, "{\"url\":\"" + PUBLIC + "\",\"events\":[\"bounced\",\"delivered\"]}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode endpoint = node.json(created);
    assertThat(endpoint.get("id").asText()).matches("wh_[0-9a-f]{16}");
    assertThat(endpoint.get("url").asText()).isEqualTo(PUBLIC);
    assertThat(endpoint.get("events").toString()).isEqualTo("[\"delivered\",\"bounced\"]");
    assertThat(endpoint.get("secret").asText()).matches("whsec_[A-Za-z0-9_-]{43}");
    assertThat(endpoint.has("createdAt")).isTrue();

    JsonNode read = node.json(node.get("/api/webhooks/" + endpoint.get("id").asText(), key));
    assertThat(read.get("url").asText()).isEqualTo(PUBLIC);
    assertThat(read.has("secret")).isFalse();
    JsonNode all = node.json(node.get("/api/webhooks", key));
    assertThat(all.get("webhooks")).hasSize(1);
    assertThat(all.get("webhooks").get(0).has("secret")).isFalse();
    assertThat(all.get("next").isNull()).isTrue();

    JsonNode everything = node.json(register(key, "{\"url\":\"" + PUBLIC + "\"}"));
    assertThat(everything.get("events").toString())
        .isEqualTo(
            "[\"delivered\",\"deferred\",\"bounced\",\"opened\",\"clicked\",\"unsubscribed\","
                + "\"complained\",\"failed\",\"replied\",\"viber.delivered\",\"viber.seen\","
                + "\"viber.failed\",\"fallback.sent\"]");
  }

  @Test
  void badRegistrationsAreRefusedWithAClearReason() throws Exception {
    assertRefused("{\"url\":\"ftp://93.184.215.14/x\"}", "http or https");
    assertRefused("{\"url\":\"https://user:pw@93.184.215.14/x\"}", "user name or password");
    assertRefused("{\"url\":\"https://user@93.184.215.14/x\"}", "user name or password");
    assertRefused("{\"url\":\"http://127.0.0.1:8080/x\"}", "non-public address (127.0.0.1)");
    assertRefused("{\"url\":\"http://10.1.2.3/x\"}", "non-public address");
    assertRefused("{\"url\":\"http://169.254.169.254/latest/meta-data\"}", "non-public");
    assertRefused("{\"url\":\"http://[::1]/x\"}", "non-public");
    assertRefused("{\"url\":\"http://[fd00::1]/x\"}", "non-public");
    assertRefused("{\"url\":\"http://100.64.0.1/x\"}", "non-public");
    assertRefused("{\"url\":\"http://0.0.0.0/x\"}", "non-public");
    assertRefused("{\"url\":\"https://93.184.215.14/x\\r\\nX-Evil: 1\"}", "control characters");
    assertRefused("{\"url\":\"/relative\"}", "http or https");
    assertRefused("{\"url\":\"https:///nohost\"}", "host");
    assertRefused(
        "{\"url\":\"https://93.184.215.14/" + "a".repeat(TargetGuard.MAX_LENGTH) + "\"}",
        "longer than");
    assertRefused("{\"events\":[\"delivered\"]}", "\"url\" is required");
    assertRefused("{\"url\":\"" + PUBLIC + "\",\"events\":[\"delivered\",\"sent\"]}", "\"sent\"");
    assertRefused("{\"url\":\"" + PUBLIC + "\",\"events\":[\"ping\"]}", "unknown event type");
    assertRefused("{\"url\":\"" + PUBLIC + "\",\"events\":[]}", "may not be empty");
    assertRefused("{\"url\":\"" + PUBLIC + "\",\"events\":[null]}", "unknown event type null");
    assertRefused("{\"url\":", "malformed JSON");
    assertRefused("[1,2]", "malformed JSON");
    assertRefused("", "a JSON body is required");
    // read strictly: a number is no URL, and the answer names the field
    assertRefused("{\"url\":42,\"events\":{\"a\":1}}", "field \"url\" must be a string");

    assertThat(register("hk_not-a-key", "{\"url\":\"" + PUBLIC + "\"}").statusCode())
        .isEqualTo(401);
    assertThat(node.json(node.get("/api/webhooks", key)).get("webhooks")).isEmpty();
  }

  @Test
  void anotherAccountCanNeitherSeeNorDeleteAnEndpoint() throws Exception {
    String id = node.json(register(key, "{\"url\":\"" + PUBLIC + "\"}")).get("id").asText();
    String other = node.createAccount("Other Co");

    assertThat(node.get("/api/webhooks/" + id, other).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/webhooks/" + id + "/deliveries", other).statusCode()).isEqualTo(404);
    assertThat(
            node.post("/api/webhooks/" + id + "/ping", other, "application/json", new byte[0])
                .statusCode())
        .isEqualTo(404);
    assertThat(delete("/api/webhooks/" + id, other).statusCode()).isEqualTo(404);
    assertThat(node.json(node.get("/api/webhooks", other)).get("webhooks")).isEmpty();

    assertThat(node.get("/api/webhooks/" + id, key).statusCode()).isEqualTo(200);
    assertThat(delete("/api/webhooks/" + id, key).statusCode()).isEqualTo(204);
    assertThat(node.get("/api/webhooks/" + id, key).statusCode()).isEqualTo(404);
    assertThat(delete("/api/webhooks/" + id, key).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/webhooks/..%2F..%2Fx", key).statusCode()).isEqualTo(404);
  }

  @Test
  void endpointsArePagedWithACursor() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          node.json(register(key, "{\"url\":\"" + PUBLIC + "?n=" + i + "\"}")).get("id").asText());
    }

    List<String> seen = new ArrayList<>();
    String path = "/api/webhooks?limit=2";
    while (path != null) {
      JsonNode page = node.json(node.get(path, key));
      assertThat(page.get("webhooks").size()).isLessThanOrEqualTo(2);
      page.get("webhooks").forEach(w -> seen.add(w.get("id").asText()));
      path =
          page.get("next").isNull()
              ? null
              : "/api/webhooks?limit=2&cursor=" + page.get("next").asText();
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();

    for (String bad : List.of("limit=0", "limit=1001", "limit=ten", "cursor=wh_0000000000000000")) {
      HttpResponse<String> refused = node.get("/api/webhooks?" + bad, key);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
    }
    assertThat(
            node.get("/api/webhooks/" + ids.getFirst() + "/deliveries?cursor=x", key).statusCode())
        .isEqualTo(400);
  }

  @Test
  void anAccountHasABoundedNumberOfEndpoints() throws Exception {
    for (int i = 0; i < Webhooks.MAX_ENDPOINTS; i++) {
      assertThat(register(key, "{\"url\":\"" + PUBLIC + "\"}").statusCode()).isEqualTo(201);
    }
    assertRefused("{\"url\":\"" + PUBLIC + "\"}", "at most " + Webhooks.MAX_ENDPOINTS);
  }
}
