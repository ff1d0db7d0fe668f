package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several API keys per account over real HTTP: made and shown once, listed (paginated) without
 * their secret, deleted so that they stop at once; another account's key is not found; the last key
 * only an administrator may delete, and an administrator can make a new one.
 */
class ApiKeysTest {
  @TempDir Path data;
  TestNode node;
  String first;
  String accountId;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(data);
    first = node.createAccount("Keyed Co");
    accountId = node.node().accounts().authenticate(first).orElseThrow().id().value();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void keysAreMadeListedWithoutSecretsAndStopAtOnceWhenDeleted() throws Exception {
    HttpResponse<String> made = post("/api/keys", first, "{\"name\": \"ci\"}");
    assertThat(made.statusCode()).isEqualTo(201);
    JsonNode ci = node.json(made);
    String ciKey = ci.get("apiKey").asText();
    assertThat(ciKey).startsWith("hk_");
    assertThat(ci.get("name").asText()).isEqualTo("ci");
    assertThat(node.get("/api/lists", ciKey).statusCode()).isEqualTo(200);

    JsonNode listed = node.json(node.get("/api/keys", ciKey));
    assertThat(listed.get("keys").findValuesAsText("name")).containsExactly("default", "ci");
    assertThat(listed.get("next").isNull()).isTrue();
    assertThat(listed.get("keys").get(0).has("apiKey")).isFalse();
    String admin = node.get("/api/admin/accounts/" + accountId, TestNode.ADMIN_TOKEN).body();
    for (String body : List.of(listed.toString(), admin)) {
      assertThat(body).doesNotContain(ciKey).doesNotContain(first).doesNotContain("hash");
    }
    // lastUsedAt is written off the request path; it appears soon after a use.
    Await.until(
        () -> node.json(node.get("/api/keys", ciKey)).get("keys").get(1).get("lastUsedAt"),
        at -> !at.isNull());

    // Paginated: one at a time, with an opaque cursor.
    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          node.json(
              node.get("/api/keys?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), first));
      assertThat(page.get("keys")).hasSize(1);
      names.add(page.get("keys").get(0).get("name").asText());
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
    } while (cursor != null);
    assertThat(names).containsExactly("default", "ci");

    assertThat(node.send(delete("/api/keys/" + ci.get("id").asText(), first)).statusCode())
        .isEqualTo(204);
    assertThat(node.get("/api/lists", ciKey).statusCode()).isEqualTo(401);
    assertThat(node.json(node.get("/api/keys", first)).get("keys").findValuesAsText("name"))
        .containsExactly("default");
  }

  @Test
  void anotherAccountsKeyIsNotFoundAndTheLastKeyIsTheAdministrators() throws Exception {
    String other = node.createAccount("Other Co");
    String otherKeyId =
        node.json(node.get("/api/keys", other)).get("keys").get(0).get("id").asText();
    assertProblem(node.send(delete("/api/keys/" + otherKeyId, first)), 404);
    assertProblem(node.send(delete("/api/keys/not-a-key", first)), 404);
    assertThat(node.get("/api/lists", other).statusCode()).isEqualTo(200);

    String ownId = node.json(node.get("/api/keys", first)).get("keys").get(0).get("id").asText();
    assertProblem(node.send(delete("/api/keys/" + ownId, first)), 409);
    assertThat(node.get("/api/lists", first).statusCode()).isEqualTo(200);

    String adminKeys = "/api/admin/accounts/" + accountId + "/keys";
    assertThat(node.send(delete(adminKeys + "/" + ownId, TestNode.ADMIN_TOKEN)).statusCode())
        .isEqualTo(204);
    assertThat(node.get("/api/lists", first).statusCode()).isEqualTo(401);

    HttpResponse<String> recovered =
        post(adminKeys, TestNode.ADMIN_TOKEN, "{\"name\": \"recovery\"}");
    assertThat(recovered.statusCode()).isEqualTo(201);
    String recoveryKey = node.json(recovered).get("apiKey").asText();
    assertThat(node.get("/api/lists", recoveryKey).statusCode()).isEqualTo(200);
    assertProblem(post(adminKeys, first, "{\"name\": \"x\"}"), 401);
    assertProblem(
        post(
            "/api/admin/accounts/0123456789abcdef/keys", TestNode.ADMIN_TOKEN, "{\"name\": \"x\"}"),
        404);

    // Deleting the account deletes its keys: every one of them stops.
    String second =
        node.json(post("/api/keys", recoveryKey, "{\"name\": \"two\"}")).get("apiKey").asText();
    assertThat(
            node.send(delete("/api/admin/accounts/" + accountId, TestNode.ADMIN_TOKEN))
                .statusCode())
        .isEqualTo(204);
    assertThat(node.get("/api/lists", recoveryKey).statusCode()).isEqualTo(401);
    assertThat(node.get("/api/lists", second).statusCode()).isEqualTo(401);
    assertThat(node.get("/api/lists", other).statusCode()).isEqualTo(200);
  }

  @Test
  void badInputIsAClearFourHundred() throws Exception {
    assertProblem(post("/api/keys", first, "{\"name\": \"two\\r\\nlines\"}"), 400);
    assertProblem(post("/api/keys", first, "{\"name\": \"\"}"), 400);
    assertProblem(post("/api/keys", first, "{}"), 400);
    assertProblem(post("/api/keys", first, "{\"name\": "), 400);
    assertProblem(post("/api/keys", first, "{\"name\": \"" + "n".repeat(101) + "\"}"), 400);
    assertProblem(node.get("/api/keys?limit=0", first), 400);
    assertProblem(node.get("/api/keys?limit=1001", first), 400);
    assertProblem(node.get("/api/keys?limit=x", first), 400);
    assertProblem(node.get("/api/keys?cursor=%25%25", first), 400);
    assertProblem(node.get("/api/keys?cursor=bm9wZQ", first), 400);
    assertProblem(post("/api/keys", "hk_forged", "{\"name\": \"x\"}"), 401);
    assertThat(node.json(node.get("/api/keys", first)).get("keys")).hasSize(1);
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return node.post(path, token, "application/json", body.getBytes(UTF_8));
  }

  private HttpRequest delete(String path, String token) {
    return HttpRequest.newBuilder(node.url(path))
        .header("Authorization", "Bearer " + token)
        .DELETE()
        .build();
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }
}
