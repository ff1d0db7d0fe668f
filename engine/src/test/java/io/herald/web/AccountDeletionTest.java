package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.account.AccountId;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting an account removes all of its data and nobody else's (R12). */
class AccountDeletionTest {
  @TempDir static Path data;
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private int delete(String id, String token) throws Exception {
    return node.send(
            HttpRequest.newBuilder(node.url("/api/admin/accounts/" + id))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build())
        .statusCode();
  }

  private String idOf(String name) throws Exception {
    for (JsonNode account :
        node.json(node.get("/api/admin/accounts", TestNode.ADMIN_TOKEN)).get("accounts")) {
      if (account.get("name").asText().equals(name)) {
        return account.get("id").asText();
      }
    }
    throw new AssertionError("no account " + name);
  }

  @Test
  void everythingOfTheDeletedAccountIsGoneAndTheOtherAccountKeepsItsData() throws Exception {
    String doomed = node.createAccount("Doomed");
    String survivor = node.createAccount("Survivor");
    String importId =
        node.importFile(doomed, "list", "a.csv", "email\na@doomed.example\nbad\n".getBytes(UTF_8))
            .get("id")
            .asText();
    node.post(
        "/api/suppressions",
        doomed,
        "application/json",
        "{\"email\":\"s@doomed.example\"}".getBytes(UTF_8));
    node.importFile(survivor, "list", "b.csv", "email\nb@survivor.example\n".getBytes(UTF_8));
    AccountId id = new AccountId(idOf("Doomed"));

    assertThat(delete(id.value(), survivor)).isEqualTo(401);
    assertThat(delete(id.value(), TestNode.ADMIN_TOKEN)).isEqualTo(204);

    assertThat(node.get("/api/lists", doomed).statusCode()).isEqualTo(401);
    assertThat(node.node().audience().lists(id)).isEmpty();
    assertThat(node.node().audience().findImport(id, importId)).isEmpty();
    assertThat(node.node().audience().rowIssues(id, importId, 0, 10)).isEmpty();
    assertThat(node.node().audience().suppressions(id, java.util.Optional.empty(), 10).items())
        .isEmpty();
    assertThat(node.get("/api/lists/list/contacts", survivor).body())
        .contains("b@survivor.example");
    assertThat(delete(id.value(), TestNode.ADMIN_TOKEN)).isEqualTo(404);
    assertThat(node.createAccount("Doomed")).startsWith("hk_"); // the name is free again
  }

  @Test
  void deletingAnUnknownOrMalformedIdIsNotFound() throws Exception {
    assertThat(delete("0000000000000000", TestNode.ADMIN_TOKEN)).isEqualTo(404);
    assertThat(delete("not-an-id", TestNode.ADMIN_TOKEN)).isEqualTo(404);
  }
}
