package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.Account;
import io.herald.campaign.CampaignId;
import io.herald.cli.HeraldCli;
import io.herald.config.HeraldConfig;
import io.herald.message.MessageRequest;
import io.herald.message.Submitted;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freezing an account (R8) in a real node: nothing is sent while it lasts — the API refuses to send
 * with 403, the SMTP relay answers MAIL FROM with 550 5.7.1 (after AUTH only), its sending campaign
 * is paused with the reason in its audit trail, and a transactional message already queued is held
 * — then the unfreeze lets the held message go (GreenMail receives it) while the campaign stays
 * paused until it is resumed.
 */
class FreezeTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  TestNode node;
  String key;
  String accountId;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.canaryConfig(data); // a started campaign stays in its canary
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            Clock.systemUTC());
    key = node.createAccount("Frosty Co");
    node.attestDomain(key, "frosty.example");
    accountId = node.node().accounts().authenticate(key).orElseThrow().id().value();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aFrozenAccountSendsNothingAndItsHeldMailGoesOutWhenUnfrozen() throws Exception {
    StringBuilder csv = new StringBuilder("email\n");
    for (int i = 1; i <= 20; i++) {
      csv.append("c").append(i).append("@example.com\n");
    }
    node.importFile(key, "customers", "customers.csv", csv.toString().getBytes(UTF_8));
    String sending = campaign();
    assertThat(post("/api/campaigns/" + sending + "/start", key, "").statusCode()).isEqualTo(200);
    String draft = campaign();

    HttpResponse<String> frozen =
        post(
            "/api/admin/accounts/" + accountId + "/freeze",
            TestNode.ADMIN_TOKEN,
            "{\"reason\": \"unpaid invoice\", \"by\": \"ops@herald\"}");
    assertThat(frozen.statusCode()).isEqualTo(200);
    assertThat(node.json(frozen).path("frozen").path("reason").asText())
        .isEqualTo("unpaid invoice");

    // Reads still work, and the account sees why it is frozen.
    assertThat(node.get("/api/lists", key).statusCode()).isEqualTo(200);
    assertThat(node.json(node.get("/api/account", key)).path("frozen").path("reason").asText())
        .isEqualTo("unpaid invoice");

    // Sending is refused with the reason.
    assertFrozen(post("/api/messages", key, message("ann@example.com")));
    assertFrozen(post("/api/campaigns/" + draft + "/start", key, ""));
    assertFrozen(post("/api/campaigns/" + sending + "/resume", key, ""));
    assertFrozen(post("/api/campaigns/" + draft + "/test", key, "{\"to\": [\"me@example.com\"]}"));

    // The sending campaign was paused, and its audit trail says why.
    JsonNode paused = node.json(node.get("/api/campaigns/" + sending, key));
    assertThat(paused.get("state").asText()).isEqualTo("paused");
    assertThat(paused.path("canary").path("audit").findValuesAsText("detail"))
        .contains("account frozen: unpaid invoice");

    // The relay: AUTH works, MAIL FROM is refused; a client without AUTH learns nothing of it.
    assertThatThrownBy(() -> relay(true, "bob@example.com"))
        .isInstanceOf(MessagingException.class)
        .satisfies(e -> assertThat(replies(e)).contains("550 5.7.1 account frozen"));
    assertThatThrownBy(() -> relay(false, "bob@example.com"))
        .satisfies(
            e -> assertThat(replies(e)).contains("Relaying denied").doesNotContain("frozen"));

    // A message queued before the freeze (submitted here past the API) waits, unsent, while
    // another account's message, queued after it, is delivered.
    Account account = node.node().accounts().authenticate(key).orElseThrow();
    Submitted queued = node.node().messages().submit(account, receipt("held@example.com"), none());
    String warm = node.createAccount("Warm Co");
    node.attestDomain(warm, "warm.example");
    Account other = node.node().accounts().authenticate(warm).orElseThrow();
    node.node()
        .messages()
        .submit(other, receipt("warm@example.com", "orders@warm.example"), none());
    Await.until(() -> receivedBy("warm@example.com"), n -> n == 1);
    assertThat(receivedBy("held@example.com")).isZero();
    assertThat(status(queued)).isEqualTo("queued");

    // A campaign started past the API meanwhile (a race with the freeze) is paused by the workers
    // before anything of it is sent.
    int received = mail.getReceivedMessages().length;
    node.node().campaigns().start(account.id(), new CampaignId(draft));
    Await.until(
        () -> node.json(node.get("/api/campaigns/" + draft, key)).get("state").asText(),
        state -> state.equals("paused"));
    assertThat(mail.getReceivedMessages()).hasSize(received);

    // The admin view keeps the audit trail.
    JsonNode view = node.json(node.get("/api/admin/accounts/" + accountId, TestNode.ADMIN_TOKEN));
    assertThat(view.path("audit").get(0).path("action").asText()).isEqualTo("frozen");
    assertThat(view.path("audit").get(0).path("by").asText()).isEqualTo("ops@herald");

    assertThat(cli("account", "unfreeze", accountId, "--by", "ops@herald")).contains("unfrozen");

    Await.until(() -> receivedBy("held@example.com"), n -> n == 1);
    Await.until(() -> status(queued), s -> s.equals("delivered"));
    assertThat(node.json(node.get("/api/account", key)).get("frozen").isNull()).isTrue();
    assertThat(node.json(node.get("/api/campaigns/" + sending, key)).get("state").asText())
        .isEqualTo("paused");
    assertThat(post("/api/messages", key, message("ann@example.com")).statusCode()).isEqualTo(202);
    assertThat(post("/api/campaigns/" + sending + "/resume", key, "").statusCode()).isEqualTo(200);
    JsonNode audit =
        node.json(node.get("/api/admin/accounts/" + accountId, TestNode.ADMIN_TOKEN)).get("audit");
    assertThat(audit.findValuesAsText("action")).startsWith("unfrozen", "frozen");
  }

  @Test
  void freezingNeedsTheAdminAOneLineReasonAndAnExistingAccount() throws Exception {
    String path = "/api/admin/accounts/" + accountId + "/freeze";
    assertThat(post(path, key, "{\"reason\": \"x\"}").statusCode()).isEqualTo(401);
    assertProblem(post(path, TestNode.ADMIN_TOKEN, "{\"reason\": \"  \"}"), 400);
    assertProblem(post(path, TestNode.ADMIN_TOKEN, "{\"reason\": \"a\\r\\nInjected: x\"}"), 400);
    assertProblem(post(path, TestNode.ADMIN_TOKEN, "{\"reason\": "), 400);
    assertProblem(post(path, TestNode.ADMIN_TOKEN, "[]"), 400);
    assertProblem(
        post(path, TestNode.ADMIN_TOKEN, "{\"reason\": \"" + "x".repeat(501) + "\"}"), 400);
    assertProblem(
        post(
            "/api/admin/accounts/0123456789abcdef/freeze",
            TestNode.ADMIN_TOKEN,
            "{\"reason\":\"x\"}"),
        404);
    assertProblem(post("/api/admin/accounts/not-an-id/unfreeze", TestNode.ADMIN_TOKEN, ""), 404);
    // Nothing was frozen by the refused attempts; unfreezing an account that is not is harmless.
    assertThat(node.json(node.get("/api/account", key)).get("frozen").isNull()).isTrue();
    assertThat(
            post("/api/admin/accounts/" + accountId + "/unfreeze", TestNode.ADMIN_TOKEN, "")
                .statusCode())
        .isEqualTo(200);

    assertThat(cli("account", "freeze", accountId, "--reason", "abuse report")).contains("frozen");
    assertFrozen(post("/api/messages", key, message("ann@example.com")));
  }

  private String campaign() throws Exception {
    return node.json(
            post(
                "/api/campaigns",
                key,
                """
                {"list": "customers", "fromAddress": "news@frosty.example",
                 "subject": "Winter sale", "html": "<p>Cold deals</p>"}"""))
        .get("id")
        .asText();
  }

  private static MessageRequest receipt(String to) {
    return receipt(to, "orders@frosty.example");
  }

  private static MessageRequest receipt(String to, String from) {
    return new MessageRequest.Composed(
        List.of(to),
        from,
        "Frosty",
        Optional.empty(),
        new MessageRequest.Body.Inline("Your receipt", Optional.empty(), Optional.of("Thanks.")));
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  private static String message(String to) {
    return "{\"to\": \""
        + to
        + "\", \"from\": \"orders@frosty.example\", \"subject\": \"Hi\", \"text\": \"Hello\"}";
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return node.post(path, token, "application/json", body.getBytes(UTF_8));
  }

  private String status(Submitted submitted) throws Exception {
    return node.json(node.get("/api/messages/" + submitted.id().value(), key))
        .get("status")
        .asText();
  }

  private static long receivedBy(String address) throws MessagingException {
    long n = 0;
    for (MimeMessage m : mail.getReceivedMessages()) {
      for (var to : m.getAllRecipients()) {
        if (to.toString().contains(address)) {
          n++;
        }
      }
    }
    return n;
  }

  private void assertFrozen(HttpResponse<String> response) throws Exception {
    assertProblem(response, 403);
    assertThat(node.json(response).get("title").asText()).isEqualTo("Forbidden");
    assertThat(node.json(response).get("detail").asText())
        .startsWith("account frozen: ")
        .doesNotContain("\n");
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  private void relay(boolean auth, String to) throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(node.node().relayPort()));
    props.put("mail.smtp.starttls.enable", "true");
    props.put("mail.smtp.starttls.required", "true");
    props.put("mail.smtp.ssl.trust", "127.0.0.1");
    props.put("mail.smtp.ssl.checkserveridentity", "false");
    props.put("mail.smtp.auth", Boolean.toString(auth));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    Session session = Session.getInstance(props);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("orders@frosty.example"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject("Receipt");
    m.setText("Order 7", "UTF-8");
    try (Transport transport = session.getTransport("smtp")) {
      if (auth) {
        transport.connect(accountId, key);
      } else {
        transport.connect();
      }
      transport.sendMessage(m, m.getAllRecipients());
    }
  }

  /** What the server said, through the exception and its causes (no stack frames). */
  private static String replies(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t.getMessage()).append('\n');
    }
    return out.toString();
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            Map.of("HERALD_URL", node.baseUrl(), "HERALD_ADMIN_TOKEN", TestNode.ADMIN_TOKEN),
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8),
            args);
    assertThat(code).as(err.toString(UTF_8)).isZero();
    return out.toString(UTF_8);
  }
}
