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

/** Bad requests of every kind get application/problem+json with a reason, never a trace. */
class ProblemApiTest {
  @TempDir static Path data;
  static TestNode node;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Problems Inc");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void assertProblem(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.body())
        .contains(detail)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void noTokenAForgedTokenAndTheAdminRouteWithAnAccountKeyAreUnauthorized() throws Exception {
    assertProblem(node.get("/api/lists", ""), 401, "bearer token");
    assertProblem(
        node.get("/api/lists", "hk_forged0000000000000000000000000000000000"), 401, "bearer token");
    assertProblem(node.get("/api/admin/accounts", key), 401, "bearer token");
    assertProblem(node.get("/api/lists", TestNode.ADMIN_TOKEN), 401, "bearer token");
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    for (String body : new String[] {"{", "[]", "null", "\"x\"", "{\"email\": 5}", ""}) {
      HttpResponse<String> response =
          node.post("/api/suppressions", key, "application/json", body.getBytes(UTF_8));
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
  }

  @Test
  void anInvalidAddressToSuppressIsABadRequestNamingWhy() throws Exception {
    assertProblem(
        node.post(
            "/api/suppressions", key, "application/json", "{\"email\":\"a@@b\"}".getBytes(UTF_8)),
        400,
        "email");
  }

  @Test
  void unknownEndpointsAndMissingThingsAreNotFound() throws Exception {
    assertProblem(node.get("/api/nothing-here", key), 404, "no such endpoint");
    assertProblem(node.get("/api/lists/missing", key), 404, "no list named");
    assertProblem(node.get("/api/imports/0123456789abcdef", key), 404, "no import");
  }

  @Test
  void anUploadWithoutAFileNameIsABadRequest() throws Exception {
    assertProblem(
        node.post(
            "/api/lists/x/imports", key, "text/csv", "email\na@example.com\n".getBytes(UTF_8)),
        400,
        "file name");
  }

  @Test
  void badPagingIsABadRequest() throws Exception {
    String id =
        node.importFile(key, "paging", "p.txt", "a@example.com\n".getBytes(UTF_8))
            .get("id")
            .asText();
    assertProblem(node.get("/api/imports/" + id + "/rows?limit=abc", key), 400, "limit");
    assertProblem(node.get("/api/imports/" + id + "/rows?limit=100000", key), 400, "limit");
  }

  @Test
  void accountNamesAreUniqueAndValidated() throws Exception {
    HttpResponse<String> duplicate =
        node.post(
            "/api/admin/accounts",
            TestNode.ADMIN_TOKEN,
            "application/json",
            "{\"name\":\"problems inc\"}".getBytes(UTF_8));
    assertProblem(duplicate, 409, "already exists");
    HttpResponse<String> blank =
        node.post(
            "/api/admin/accounts",
            TestNode.ADMIN_TOKEN,
            "application/json",
            "{\"name\":\" \"}".getBytes(UTF_8));
    assertProblem(blank, 400, "account name");
  }
}
