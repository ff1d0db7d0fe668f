package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.HeraldConfig;
import io.herald.testing.TestDns;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald domain add / list / verify / delete} over HTTP against a real server whose
 * verification asks a DNS server on loopback, and an administrator's {@code --verified-by-admin}.
 */
class DomainCliTest {
  @TempDir static Path data;
  static TestDns dns;
  static TestNode node;
  static String key;
  static String accountId;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    dns = new TestDns();
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withVerificationDnsServer(dns.address())),
            java.time.Clock.systemUTC());
    key = node.createAccount("Domain Co");
    accountId = node.node().accounts().authenticate(key).orElseThrow().id().value();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    dns.close();
  }

  static Run herald(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_URL", node.baseUrl());
    env.put("HERALD_API_KEY", key);
    env.put("HERALD_ADMIN_TOKEN", TestNode.ADMIN_TOKEN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @Test
  void addPrintsTheRecordsAndVerifySucceedsOnceTheyArePublished() {
    Run added = herald("domain", "add", "cli.example", "--ed25519");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out())
        .contains("Name:  _herald.cli.example")
        .contains("k=ed25519")
        .contains("_dmarc.cli.example");
    Matcher token = Pattern.compile("herald-verify=[0-9a-f]{32}").matcher(added.out());
    assertThat(token.find()).isTrue();

    assertThat(herald("domain", "list").out()).containsPattern("cli\\.example\\s+pending");
    Run early = herald("domain", "verify", "cli.example");
    assertThat(early.code()).isEqualTo(2);
    assertThat(early.err().strip()).startsWith("herald: no TXT record").doesNotContain("\n");

    dns.publishTxt("_herald.cli.example", token.group());
    Run verified = herald("domain", "verify", "cli.example");
    assertThat(verified.code()).as(verified.err()).isZero();
    assertThat(verified.out().strip()).isEqualTo("cli.example: verified");

    Run deleted = herald("domain", "delete", "cli.example");
    assertThat(deleted.code()).isZero();
    assertThat(herald("domain", "list").out()).doesNotContain("cli.example");
    assertThat(herald("domain", "delete", "cli.example").code()).isEqualTo(2);
  }

  @Test
  void anAdministratorAttestsADomainForAnAccount() {
    Run attested =
        herald(
            "domain",
            "add",
            "attested.example",
            "--account",
            accountId,
            "--verified-by-admin",
            "--by",
            "olena",
            "--json");
    assertThat(attested.code()).as(attested.err()).isZero();
    assertThat(attested.out()).contains("\"status\":\"verified\"").contains("admin:olena");
    assertThat(herald("domain", "list").out()).containsPattern("attested\\.example\\s+verified");

    Run half = herald("domain", "add", "x.example", "--account", accountId);
    assertThat(half.code()).isEqualTo(2);
    assertThat(half.err()).contains("--verified-by-admin");
  }
}
