package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.app.HeraldNode;
import io.herald.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every free-text field has a maximum and every list name follows one rule: longer values and names
 * with path or control characters are refused with a 400 that names the field, and nothing is
 * written (a 10,000-character fromName once became a 10,023-character From: line).
 */
class FieldLimitsTest {
  private static final ObjectMapper JSON = HeraldNode.objectMapper();

  @TempDir static Path data;
  static TestNode node;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Limits Co");
    node.attestDomain(key, "limits.example");
    node.importFile(key, "news", "news.csv", "email\nann@example.com\n".getBytes(UTF_8));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<String> post(String path, Object body) throws Exception {
    return node.post(path, key, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void assertRefused(HttpResponse<String> response, String... named) {
    ProblemAssert.assertProblem(response, 400, named);
  }

  private static Map<String, Object> campaign(String field, Object value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("list", "news");
    body.put("fromName", "News");
    body.put("fromAddress", "news@limits.example");
    body.put("subject", "Hello");
    body.put("html", "<p>Hello</p>");
    body.put(field, value);
    return body;
  }

  private static String campaigns() throws Exception {
    return node.get("/api/campaigns", key).body();
  }

  @Test
  void aCampaignsFreeTextFieldsHaveMaximums() throws Exception {
    assertRefused(post("/api/campaigns", campaign("fromName", "N".repeat(10_000))), "fromName");
    assertRefused(post("/api/campaigns", campaign("fromName", "N".repeat(257))), "fromName");
    assertRefused(post("/api/campaigns", campaign("subject", "S".repeat(999))), "subject");
    assertRefused(
        post("/api/campaigns", campaign("filter", Map.of("city", "x".repeat(1001)))), "filter");
    assertThat(campaigns()).doesNotContain("NNNN").doesNotContain("SSSS");

    assertThat(post("/api/campaigns", campaign("fromName", "N".repeat(256))).statusCode())
        .isEqualTo(201);
  }

  @Test
  void otherFreeTextFieldsHaveMaximums() throws Exception {
    assertRefused(
        post("/api/suppressions", Map.of("email", "r@example.com", "reason", "r".repeat(501))),
        "reason");
    assertThat(node.get("/api/suppressions", key).body()).doesNotContain("r@example.com");
    assertRefused(post("/api/keys", Map.of("name", "k".repeat(101))), "name");
    assertRefused(
        post("/api/webhooks", Map.of("url", "https://hooks.example/" + "p".repeat(3000))), "URL");

    HttpResponse<String> consent =
        node.post(
            "/api/lists/consented/imports?filename=c.csv&consent=" + "c".repeat(1001),
            key,
            "text/csv",
            "email\nc@example.com\n".getBytes(UTF_8));
    assertRefused(consent, "consent");
    assertThat(node.get("/api/lists/consented", key).statusCode()).isEqualTo(404);
  }

  @Test
  void aListNameWithPathOrControlCharactersIsRefusedWhereverItEnters() throws Exception {
    for (String name :
        new String[] {"../etc", "a/b", "a\\b", "..", "bell\u0007", "x".repeat(101)}) {
      assertRefused(post("/api/campaigns", campaign("list", name)), "list name");
    }
    // in a path: as a segment Jetty refuses itself, or one the rule refuses
    for (String encoded : new String[] {"a%2Fb", "%2E%2E", "a%5Cb", "bell%07", "bad%FFutf8"}) {
      HttpResponse<String> imported =
          node.post(
              "/api/lists/" + encoded + "/imports?filename=x.csv",
              key,
              "text/csv",
              "email\nx@example.com\n".getBytes(UTF_8));
      ProblemAssert.assertProblem(imported, 400);
      assertThat(node.get("/api/lists/" + encoded, key).statusCode()).as(encoded).isEqualTo(400);
    }
    assertThat(node.get("/api/lists", key).body()).doesNotContain("bell").doesNotContain("bad");
  }
}
