package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald user add} against a real server: the link last, bad input exit 2 in one line. */
class UserCliTest {
  @TempDir static Path data;
  static TestNode node;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run herald(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_URL", node.baseUrl());
    env.put("HERALD_ADMIN_TOKEN", TestNode.ADMIN_TOKEN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @Test
  void the_first_admin_and_an_accounts_first_owner_get_a_password_link_on_the_last_line()
      throws Exception {
    Run admin = herald("user", "add", "admin@herald.example", "--role", "admin");
    assertThat(admin.code()).isZero();
    String[] lines = admin.out().strip().split("\n");
    assertThat(lines[lines.length - 1]).matches("http://localhost:8080/app/invitation/\\S+");

    String account =
        node.node().accounts().authenticate(node.createAccount("Acme")).orElseThrow().id().value();
    Run owner =
        herald("user", "add", "owner@acme.example", "--role", "owner", "--account", account);
    assertThat(owner.code()).isZero();
    assertThat(owner.out()).contains("owner@acme.example (owner) added");
  }

  @Test
  void bad_input_exits_2_with_one_line() {
    for (String[] args :
        new String[][] {
          {"user", "add", "not-an-email", "--role", "admin"},
          {"user", "add", "x@herald.example", "--role", "owner"},
          {"user", "add", "x@herald.example", "--role", "god"}
        }) {
      Run run = herald(args);
      assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
    }
  }
}
