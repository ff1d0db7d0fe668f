package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies are read as exactly one JSON document of the expected shape: data after it, a
 * number or a boolean where a string belongs, and a key given twice are refused with a 400 that
 * names the field, and nothing is written.
 */
class StrictJsonTest {
  @TempDir static Path data;
  static TestNode node;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Strict Co");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return node.post(path, key, "application/json", json.getBytes(UTF_8));
  }

  private static void assertRefused(HttpResponse<String> response, String... named) {
    ProblemAssert.assertProblem(response, 400, named);
  }

  private String suppressions() throws Exception {
    return node.get("/api/suppressions", key).body();
  }

  @Test
  void dataAfterTheDocumentIsRefused() throws Exception {
    assertRefused(
        post("/api/suppressions", "{\"email\":\"one@example.com\"} {\"email\":\"two@x.ua\"}"),
        "after");
    assertRefused(post("/api/suppressions", "{\"email\":\"one@example.com\"}x"), "malformed");
    assertThat(suppressions()).doesNotContain("one@example.com");
  }

  @Test
  void aNumberOrABooleanWhereAStringBelongsIsRefusedNotConverted() throws Exception {
    assertRefused(post("/api/keys", "{\"name\":12345}"), "\\\"name\\\"", "string");
    assertRefused(
        post("/api/suppressions", "{\"email\":\"bool@example.com\",\"reason\":true}"),
        "\\\"reason\\\"",
        "string");
    assertRefused(
        post(
            "/api/campaigns",
            "{\"list\":\"l\",\"fromName\":1.5,\"fromAddress\":\"a@example.com\","
                + "\"subject\":\"s\",\"html\":\"<p>x</p>\"}"),
        "\\\"fromName\\\"",
        "string");
    assertThat(suppressions()).doesNotContain("bool@example.com");
    assertThat(node.get("/api/keys", key).body()).doesNotContain("12345");
  }

  @Test
  void aKeyGivenTwiceIsRefused() throws Exception {
    assertRefused(
        post("/api/suppressions", "{\"email\":\"dup1@example.com\",\"email\":\"dup2@x.ua\"}"),
        "\\\"email\\\"",
        "twice");
    assertThat(suppressions()).doesNotContain("dup1@example.com").doesNotContain("dup2@x.ua");
  }

  @Test
  void anUnknownFieldIsRefusedByName() throws Exception {
    assertRefused(
        post("/api/suppressions", "{\"email\":\"u@example.com\",\"emial\":\"x\"}"),
        "\\\"emial\\\"");
  }
}
