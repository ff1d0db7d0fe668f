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
 * One account never sees another's data (R13), endpoint by endpoint: account B asks for everything
 * account A has, by name and by id, and gets nothing of A's.
 */
class TenantIsolationTest {
  @TempDir static Path data;
  static TestNode node;
  static String alice;
  static String bob;
  static String aliceImport;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    alice = node.createAccount("Alice Ltd");
    bob = node.createAccount("Bob Ltd");
    aliceImport =
        node.importFile(
                alice, "secret", "s.csv", "email\nsecret@alice.example\nbad\n".getBytes(UTF_8))
            .get("id")
            .asText();
    node.importFile(alice, "alice-only", "o.txt", "only@alice.example\n".getBytes(UTF_8));
    node.post(
        "/api/suppressions",
        alice,
        "application/json",
        "{\"email\":\"hidden@alice.example\"}".getBytes(UTF_8));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void listsOfAnotherAccountAreInvisible() throws Exception {
    assertThat(node.get("/api/lists", bob).body()).doesNotContain("alice-only");
    assertThat(node.get("/api/lists/alice-only", bob).statusCode()).isEqualTo(404);
  }

  @Test
  void contactsOfAnotherAccountCannotBeExported() throws Exception {
    HttpResponse<String> export = node.get("/api/lists/alice-only/contacts", bob);
    assertThat(export.statusCode()).isEqualTo(404);
    assertThat(export.body()).doesNotContain("alice.example");
  }

  @Test
  void importsOfAnotherAccountAreInvisibleByIdAndInListings() throws Exception {
    assertThat(node.get("/api/imports/" + aliceImport, bob).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/imports/" + aliceImport + "/rows", bob).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/imports", bob).body()).doesNotContain(aliceImport);
  }

  @Test
  void suppressionsOfAnotherAccountAreInvisibleAndDoNotApply() throws Exception {
    assertThat(node.get("/api/suppressions", bob).body()).doesNotContain("hidden@alice.example");
    var job = node.importFile(bob, "own", "o.csv", "email\nhidden@alice.example\n".getBytes(UTF_8));
    assertThat(job.get("accepted").asLong()).isEqualTo(1);
    assertThat(job.get("suppressed").asLong()).isZero();
  }

  @Test
  void importingIntoASameNamedListStaysInTheImportersOwnAccount() throws Exception {
    node.importFile(bob, "secret", "b.csv", "email\nbob@bob.example\n".getBytes(UTF_8));

    assertThat(node.get("/api/lists/secret/contacts", bob).body())
        .contains("bob@bob.example")
        .doesNotContain("secret@alice.example");
    assertThat(node.get("/api/lists/secret/contacts", alice).body())
        .contains("secret@alice.example")
        .doesNotContain("bob@bob.example");
  }

  @Test
  void accountsCannotUseTheAdminApi() throws Exception {
    assertThat(node.get("/api/admin/accounts", alice).statusCode()).isEqualTo(401);
    assertThat(
            node.post(
                    "/api/admin/accounts",
                    bob,
                    "application/json",
                    "{\"name\":\"x\"}".getBytes(UTF_8))
                .statusCode())
        .isEqualTo(401);
  }
}
