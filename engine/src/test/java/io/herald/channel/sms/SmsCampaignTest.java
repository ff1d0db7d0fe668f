package io.herald.channel.sms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audience.ContactKeys;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.config.HeraldConfig;
import io.herald.config.SmscConfig;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SMS campaign end to end on a real node, through a real SMPP server (the jSMPP simulator) over
 * loopback: the audience is the list's members with a phone; each gets its personalised text with a
 * short tracked link and the opt-out line that cannot be removed; the SMSC's receipts move {@code
 * submitted} to {@code delivered} or {@code undeliverable}; a STOP reply suppresses the number for
 * the account and counts as an unsubscribe. The node's clock is set to noon in Kyiv, so the
 * recipients' quiet hours do not hold the messages whenever the test runs.
 */
class SmsCampaignTest {
  private static final String DEAD = "+380501234503";

  @TempDir Path data;
  SmscSimulator smsc;
  TestNode node;
  String key;

  @BeforeEach
  void start() throws Exception {
    smsc =
        SmscSimulator.start("herald", "secret")
            .receipts(
                number ->
                    number.endsWith(DEAD.substring(1))
                        ? ReceiptState.UNDELIVERABLE
                        : ReceiptState.DELIVERED);
    HeraldConfig base = TestNode.config(data);
    HeraldConfig config =
        base.withSms(
            base.sms()
                .withSmsc(
                    List.of(
                        SmscConfig.of(
                            "sim", smsc.host(), smsc.port(), smsc.systemId(), smsc.password()))));
    node = TestNode.start(config, noonInKyiv());
    key = node.createAccount("Acme Shop");
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (smsc != null) {
      smsc.close();
    }
  }

  static Clock noonInKyiv() {
    return io.herald.testing.Clocks.noonInKyiv();
  }

  @Test
  void anSmsCampaignReachesThePhonesWithTheOptOutLineAndReceiptsAndStopCount() throws Exception {
    String csv =
        "email,phone,name\n"
            + "ann@example.com,+380501234501,Ann\n"
            + ",+380501234502,Bob\n"
            + ","
            + DEAD
            + ",Dead\n"
            + "mail.only@example.com,,Mail\n";
    JsonNode imported = node.importFile(key, "customers", "customers.csv", csv.getBytes(UTF_8));
    assertThat(imported.get("status").asText()).isEqualTo("completed");

    String id =
        create(
            """
            {"channel": "sms", "list": "customers", "fromAddress": "AcmeShop",
             "text": "Hi {{name}}, -20% today: https://shop.example/sale"}""");
    HttpResponse<String> started =
        node.post("/api/campaigns/" + id + "/start", key, "application/json", new byte[0]);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

    List<SmscSimulator.Submitted> sent = Await.until(() -> smsc.submitted(), s -> s.size() >= 3);
    assertThat(sent).hasSize(3);
    assertThat(sent).extracting(SmscSimulator.Submitted::source).containsOnly("AcmeShop");
    SmscSimulator.Submitted ann =
        sent.stream().filter(s -> s.text().startsWith("Hi Ann")).findFirst().orElseThrow();
    assertThat(ann.receiptRequested()).isTrue();
    // The link is a short tracked one, and the opt-out line with its short link ends the text.
    assertThat(ann.text()).doesNotContain("shop.example/sale");
    assertThat(ann.text()).containsPattern("https?://[^ ]+/l/[0-9A-Za-z]+");
    assertThat(ann.text())
        .containsPattern("(Vidpysatysia|Відписатися): https?://[^ ]+/s/[0-9A-Za-z]+$");

    JsonNode done =
        Await.until(
            () -> stats(id),
            s ->
                s.path("all").path("delivered").asLong() == 2
                    && s.path("all").path("undeliverable").asLong() == 1);
    assertThat(done.path("all").path("submitted").asLong()).isZero();
    assertThat(done.path("all").path("parts").asLong()).isEqualTo(3);

    // Bob answers STOP: his number is suppressed for the account and counted once.
    smsc.sendMo("380501234502", "AcmeShop", " Stop! ");
    Await.until(() -> stats(id), s -> s.path("all").path("unsubscribed").asLong() == 1);
    String accountId = node.node().accounts().authenticate(key).orElseThrow().id().value();
    assertThat(
            node.node()
                .audience()
                .suppressedAmong(
                    new io.herald.account.AccountId(accountId),
                    List.of(ContactKeys.phone("+380501234502"))))
        .containsExactly(ContactKeys.phone("+380501234502"));
  }

  @Test
  void anSmsCampaignIsRefusedWithAClearReasonWhenItsFieldsAreEmailShaped() throws Exception {
    node.importFile(key, "customers", "c.csv", "phone\n+380501234501\n".getBytes(UTF_8));
    HttpResponse<String> badSender =
        node.post(
            "/api/campaigns",
            key,
            "application/json",
            """
            {"channel": "sms", "list": "customers", "fromAddress": "news@acme.example", "text": "Hi"}"""
                .getBytes(UTF_8));
    assertThat(badSender.statusCode()).isEqualTo(400);
    assertThat(badSender.body()).contains("sender ID");
    HttpResponse<String> withSubject =
        node.post(
            "/api/campaigns",
            key,
            "application/json",
            """
            {"channel": "sms", "list": "customers", "fromAddress": "Acme", "text": "Hi",
             "subject": "Hello"}"""
                .getBytes(UTF_8));
    assertThat(withSubject.statusCode()).isEqualTo(400);
    assertThat(withSubject.body()).contains("no subject");
    String id =
        create(
            """
            {"channel": "sms", "list": "customers", "fromAddress": "Acme", "text": "Hi"}""");
    HttpResponse<String> test =
        node.post(
            "/api/campaigns/" + id + "/test",
            key,
            "application/json",
            "{\"to\": [\"+380501234501\"]}".getBytes(UTF_8));
    assertThat(test.statusCode()).isEqualTo(422);
    assertThat(test.body()).contains("preview an SMS campaign");
    assertThat(smsc.submitted()).isEmpty();
  }

  @Test
  void theCliCreatesPreviewsAndReportsAnSmsCampaign(@TempDir Path files) throws Exception {
    node.importFile(key, "customers", "c.csv", "phone,name\n+380501234501,Ann\n".getBytes(UTF_8));
    Path text = files.resolve("sms.txt");
    java.nio.file.Files.writeString(text, "Привіт, {{name}}! Знижка 20% сьогодні.");
    String created =
        cli(
            "campaign",
            "create",
            "--channel",
            "sms",
            "--list",
            "customers",
            "--from",
            "Acme",
            "--text",
            text.toString());
    String id = created.strip().lines().reduce((a, b) -> b).orElseThrow();

    String preview = cli("campaign", "preview", id, "--phone", "+380501234501");
    assertThat(preview).contains("UCS-2").contains("in 2 part(s)").contains("Привіт, Ann!");
    assertThat(preview).contains("Відписатися: ");

    cli("campaign", "start", id);
    Await.until(() -> smsc.submitted(), s -> s.size() == 2); // two parts
    String status =
        Await.until(() -> cli("campaign", "status", id), out -> out.contains("1 delivered"));
    assertThat(status).startsWith("SMS campaign " + id).contains("(2 parts)");
  }

  @Test
  void aTransactionalSmsGoesThroughTheRealGatewayAndItsReceiptDecidesItsState() throws Exception {
    HttpResponse<String> accepted =
        node.post(
            "/api/messages",
            key,
            "application/json",
            """
            {"channel": "sms", "to": ["+380501234501", "%s"], "from": "AcmeShop",
             "text": "Your code is 4711"}"""
                .formatted(DEAD)
                .getBytes(UTF_8));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = node.json(accepted).get("id").asText();

    JsonNode status =
        Await.until(
            () -> node.json(node.get("/api/messages/" + id, key)),
            s -> s.toString().contains("\"delivered\"") && s.toString().contains("undeliverable"));
    assertThat(status.toString()).doesNotContain("\"submitted\"");
    // Transactional: sent as written, no opt-out line.
    assertThat(smsc.submitted())
        .extracting(SmscSimulator.Submitted::text)
        .containsOnly("Your code is 4711");
  }

  private String cli(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        io.herald.cli.HeraldCli.run(
            java.util.Map.of("HERALD_URL", node.baseUrl(), "HERALD_API_KEY", key),
            new java.io.PrintStream(out, true, UTF_8),
            new java.io.PrintStream(err, true, UTF_8),
            args);
    assertThat(code).as(err.toString(UTF_8)).isZero();
    return out.toString(UTF_8);
  }

  private String create(String json) throws Exception {
    HttpResponse<String> created =
        node.post("/api/campaigns", key, "application/json", json.getBytes(UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode campaign = node.json(created);
    assertThat(campaign.get("channel").asText()).isEqualTo("sms");
    return campaign.get("id").asText();
  }

  private JsonNode stats(String id) throws Exception {
    return node.json(node.get("/api/campaigns/" + id, key)).get("stats");
  }
}
