package io.herald.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.cli.HeraldCli;
import io.herald.config.HeraldConfig;
import io.herald.config.PlanPackage;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages, balance and ledger (R9) through a real node and a clock moved by hand: an upgrade is
 * refused without the balance to pay it, then charged at once with the unsent rest carried over and
 * a new 30-day period; a downgrade waits for the period's end; a period renews from the balance at
 * its end exactly, and when the balance cannot pay the account drops to the free plan; every top-up
 * and charge is in the ledger with the balance after it; the CLI does the same.
 */
class PlanBillingTest {
  private static final Instant START = Instant.parse("2026-12-10T10:00:00Z");

  @TempDir Path data;
  MutableClock clock = new MutableClock(START);
  TestNode node;
  String key;
  String accountId;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    HeraldConfig config =
        base.withPolicy(
            base.policy()
                .withPlans(
                    base.policy()
                        .plans()
                        .withFree(10, 12)
                        .withPackages(
                            List.of(
                                new PlanPackage("start", 20, 50, 100_00),
                                new PlanPackage("pro", 100, 500, 300_00)))));
    node = TestNode.start(config, clock);
    key = node.createAccount("Paying Co");
    node.attestDomain(key, "paying.example");
    accountId = node.node().accounts().authenticate(key).orElseThrow().id().value();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void upgradeCarriesOverDowngradeWaitsRenewalChargesAndAnEmptyBalanceDropsToFree()
      throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(send("r" + i + "@example.com").statusCode()).isEqualTo(202);
    }
    HttpResponse<String> unpaid = choose("start");
    assertThat(unpaid.statusCode()).as(unpaid.body()).isEqualTo(422);
    assertThat(node.json(unpaid).get("detail").asText())
        .isEqualTo("the balance (0.00 UAH) does not cover \"start\" (100.00 UAH); nothing changed");
    assertThat(choose("gold").statusCode()).isEqualTo(404);

    assertThat(topUp("250.00").statusCode()).isEqualTo(201);
    HttpResponse<String> upgraded = choose("start");
    assertThat(upgraded.statusCode()).as(upgraded.body()).isEqualTo(200);
    JsonNode usage = node.json(upgraded);
    assertThat(usage.get("plan").asText()).isEqualTo("start");
    // 20 of the package and the 6 left unsent of the free month, in a period from now.
    assertThat(usage.get("messagesAllowed").asLong()).isEqualTo(26);
    assertThat(usage.get("messagesUsed").asLong()).isZero();
    assertThat(usage.get("subscribersAllowed").asLong()).isEqualTo(50);
    assertThat(usage.get("periodStart").asText()).isEqualTo("2026-12-10T10:00:00Z");
    assertThat(usage.get("periodEnd").asText()).isEqualTo("2027-01-09T10:00:00Z");
    assertThat(usage.get("balance").asText()).isEqualTo("150.00");

    // A downgrade waits for the period's end; choosing the package again cancels it.
    assertThat(node.json(choose("free")).get("nextPlan").asText()).isEqualTo("free");
    assertThat(choose("free").statusCode()).isEqualTo(409);
    assertThat(node.json(choose("start")).get("nextPlan").isNull()).isTrue();

    clock.advance(Duration.ofDays(30).minusMillis(1));
    assertThat(usage().get("plan").asText()).isEqualTo("start");
    assertThat(usage().get("balance").asText()).isEqualTo("150.00");
    clock.advance(Duration.ofMillis(1));
    JsonNode renewed = usage();
    assertThat(renewed.get("plan").asText()).isEqualTo("start");
    assertThat(renewed.get("periodStart").asText()).isEqualTo("2027-01-09T10:00:00Z");
    assertThat(renewed.get("messagesAllowed").asLong()).isEqualTo(20); // nothing carried now
    assertThat(renewed.get("balance").asText()).isEqualTo("50.00");

    clock.advance(Duration.ofDays(30));
    JsonNode dropped = usage();
    assertThat(dropped.get("plan").asText()).isEqualTo("free");
    assertThat(dropped.get("messagesAllowed").asLong()).isEqualTo(10);
    assertThat(dropped.get("balance").asText()).isEqualTo("50.00");

    JsonNode ledger = node.json(node.get("/api/account/ledger", key));
    assertThat(ledger.get("balance").asText()).isEqualTo("50.00");
    assertThat(ledger.get("entries").findValuesAsText("kind"))
        .containsExactly("free", "renewal", "downgrade", "downgrade", "upgrade", "top-up");
    assertThat(ledger.get("entries").findValuesAsText("balance"))
        .containsExactly("50.00", "50.00", "150.00", "150.00", "150.00", "250.00");
    JsonNode drop = ledger.get("entries").get(0);
    assertThat(drop.get("at").asText()).isEqualTo("2027-02-08T10:00:00Z");
    assertThat(drop.get("note").asText())
        .isEqualTo("the balance (50.00 UAH) could not renew \"start\" (100.00 UAH)");
    assertThat(ledger.get("entries").get(5).get("by").asText()).isEqualTo("ops@herald");
  }

  @Test
  void anUpgradeBetweenPackagesIsChargedNowAndADowngradeTakesEffectAtThePeriodsEnd()
      throws Exception {
    cli(admin(), "account", "topup", accountId, "500", "--note", "invoice 7", "--by", "ops");
    assertThat(cli(account(), "account", "plan", "start"))
        .contains("plan: start, 30 messages"); // 20 + the free month's 10
    for (int i = 0; i < 5; i++) {
      assertThat(send("r" + i + "@example.com").statusCode()).isEqualTo(202);
    }
    clock.advance(Duration.ofDays(3));
    JsonNode pro = node.json(choose("pro"));
    assertThat(pro.get("plan").asText()).isEqualTo("pro");
    assertThat(pro.get("messagesAllowed").asLong()).isEqualTo(125); // 100 + the 25 left
    assertThat(pro.get("periodStart").asText()).isEqualTo("2026-12-13T10:00:00Z");
    assertThat(pro.get("balance").asText()).isEqualTo("100.00");

    JsonNode down = node.json(choose("start"));
    assertThat(down.get("plan").asText()).isEqualTo("pro");
    assertThat(down.get("nextPlan").asText()).isEqualTo("start");
    clock.advance(Duration.ofDays(30));
    JsonNode after = usage();
    assertThat(after.get("plan").asText()).isEqualTo("start");
    assertThat(after.get("balance").asText()).isEqualTo("0.00");

    String ledger = cli(account(), "account", "ledger");
    assertThat(ledger).contains("balance: 0.00").contains("invoice 7").contains("downgrade");
  }

  @Test
  void aTopUpNeedsTheAdminAPositiveAmountAndAnAccount() throws Exception {
    assertThat(topUp("-5").statusCode()).isEqualTo(400);
    assertThat(topUp("1.001").statusCode()).isEqualTo(400);
    assertThat(topUp("0").statusCode()).isEqualTo(400);
    assertThat(topUp("1000000000000").statusCode()).isEqualTo(400);
    assertThat(
            node.post(
                    "/api/admin/accounts/" + accountId + "/topups",
                    key,
                    "application/json",
                    "{\"amount\": \"5\"}".getBytes(UTF_8))
                .statusCode())
        .isIn(401, 403);
    assertThat(
            node.post(
                    "/api/admin/accounts/0123456789abcdef/topups",
                    TestNode.ADMIN_TOKEN,
                    "application/json",
                    "{\"amount\": \"5\"}".getBytes(UTF_8))
                .statusCode())
        .isEqualTo(404);
    assertThat(usage().get("balance").asText()).isEqualTo("0.00");
  }

  private HttpResponse<String> topUp(String amount) throws Exception {
    return node.post(
        "/api/admin/accounts/" + accountId + "/topups",
        TestNode.ADMIN_TOKEN,
        "application/json",
        ("{\"amount\": \"" + amount + "\", \"by\": \"ops@herald\", \"note\": \"bank transfer\"}")
            .getBytes(UTF_8));
  }

  private HttpResponse<String> choose(String plan) throws Exception {
    return node.post(
        "/api/account/plan",
        key,
        "application/json",
        ("{\"plan\": \"" + plan + "\"}").getBytes(UTF_8));
  }

  private HttpResponse<String> send(String to) throws Exception {
    return node.post(
        "/api/messages",
        key,
        "application/json",
        ("{\"to\": \""
                + to
                + "\", \"from\": \"orders@paying.example\", \"subject\": \"Hi\", \"text\": \"Hi\"}")
            .getBytes(UTF_8));
  }

  private JsonNode usage() throws Exception {
    return node.json(node.get("/api/account/usage", key));
  }

  private Map<String, String> admin() {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_URL", node.baseUrl());
    env.put("HERALD_ADMIN_TOKEN", TestNode.ADMIN_TOKEN);
    return env;
  }

  private Map<String, String> account() {
    return Map.of("HERALD_URL", node.baseUrl(), "HERALD_API_KEY", key);
  }

  private static String cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    assertThat(code).as(err.toString(UTF_8)).isZero();
    return out.toString(UTF_8);
  }
}
