package io.herald.submission;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.Account;
import io.herald.account.AccountId;
import io.herald.config.HeraldConfig;
import io.herald.message.MessageRequest;
import io.herald.message.MessageStatus;
import io.herald.message.Submitted;
import io.herald.testing.Await;
import io.herald.testing.Dkim;
import io.herald.testing.TestNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of Herald issue 11 (R5, R8, R13): an account sends as a domain it does not own — the
 * bank's — through the relay, a campaign and {@code POST /api/messages}, on a node whose operator
 * holds a DKIM key for that domain. Every path refuses it, naming the domain; mail from the
 * account's own verified domain is signed with that domain's key only.
 */
class ForeignSenderTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  TestNode node;
  String apiKey;
  String accountId;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    Path operatorKey = data.resolve("bank.pem");
    byte[] der = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded();
    Files.writeString(
        operatorKey,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END PRIVATE KEY-----\n");
    node =
        TestNode.start(
            base.withDelivery(
                base.delivery()
                    .withSmarthost("127.0.0.1", mail.getSmtp().getPort())
                    .withDkimKeys(List.of("bank.example=s1:" + operatorKey))),
            java.time.Clock.systemUTC());
    apiKey = node.createAccount("Mallory");
    accountId = node.node().accounts().authenticate(apiKey).orElseThrow().id().value();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  Session session() {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(node.node().relayPort()));
    props.put("mail.smtp.starttls.enable", "true");
    props.put("mail.smtp.starttls.required", "true");
    props.put("mail.smtp.ssl.trust", "127.0.0.1");
    props.put("mail.smtp.ssl.checkserveridentity", "false");
    props.put("mail.smtp.auth", "true");
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    return Session.getInstance(props);
  }

  String relay(String envelope, String from) throws MessagingException {
    Session session = session();
    session.getProperties().put("mail.smtp.from", envelope);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(from));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("victim@example.com"));
    m.setSubject("Urgent: wire transfer");
    m.setText("Please pay the attached invoice today.", "UTF-8");
    try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
      transport.connect(accountId, apiKey);
      transport.sendMessage(m, m.getAllRecipients());
      return transport.getLastServerResponse();
    }
  }

  HttpResponse<String> attest(String domain) throws Exception {
    return node.post(
        "/api/admin/accounts/" + accountId + "/domains",
        TestNode.ADMIN_TOKEN,
        "application/json",
        ("{\"name\": \"" + domain + "\"}").getBytes(UTF_8));
  }

  @Test
  void theRelayRefusesAnEnvelopeSenderOnADomainTheAccountHasNotVerified() {
    assertThatThrownBy(() -> relay("ceo@bank.example", "ceo@bank.example"))
        .isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("550 5.7.1")
        .hasStackTraceContaining("bank.example");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void theRelayRefusesAHeaderFromOnADomainTheAccountHasNotVerifiedAfterData() throws Exception {
    assertThat(attest("mallory.example").statusCode()).isEqualTo(201);
    assertThatThrownBy(() -> relay("app@mallory.example", "ceo@bank.example"))
        .isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("550 5.7.1")
        .hasStackTraceContaining("bank.example");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aCampaignFromADomainTheAccountHasNotVerifiedIsRefusedWith422() throws Exception {
    node.importFile(apiKey, "any", "a.csv", "email\nvictim@example.com\n".getBytes(UTF_8));
    HttpResponse<String> refused =
        node.post(
            "/api/campaigns",
            apiKey,
            "application/json",
            """
            {"list": "any", "fromName": "Rival", "fromAddress": "news@rival.example",
             "subject": "Urgent", "html": "<p>Pay now</p>"}
            """
                .getBytes(UTF_8));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(node.json(refused).get("detail").asText())
        .contains("rival.example")
        .contains("POST /api/domains");
  }

  @Test
  void aTransactionalMessageFromADomainTheAccountHasNotVerifiedIsRefusedWith422() throws Exception {
    HttpResponse<String> refused =
        node.post(
            "/api/messages",
            apiKey,
            "application/json",
            """
            {"to": ["victim@example.com"], "from": "ceo@bank.example",
             "subject": "Urgent", "text": "Pay now"}
            """
                .getBytes(UTF_8));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(node.json(refused).get("detail").asText()).contains("bank.example");
  }

  @Test
  void mailFromTheAccountsOwnDomainIsSignedWithThatDomainsKeyOnly() throws Exception {
    HttpResponse<String> attested = attest("mallory.example");
    assertThat(attested.statusCode()).as(attested.body()).isEqualTo(201);
    JsonNode domain = node.json(attested);
    JsonNode dkim = null;
    for (JsonNode record : domain.get("records")) {
      if (record.get("purpose").asText().equals("dkim")) {
        dkim = record;
      }
    }
    assertThat(dkim).as(attested.body()).isNotNull();
    String reply = relay("app@mallory.example", "app@mallory.example");
    assertThat(reply).startsWith("250");

    Await.until(() -> mail.getReceivedMessages().length, n -> n == 1);
    byte[] delivered = GreenMailUtil.getWholeMessage(mail.getReceivedMessages()[0]).getBytes(UTF_8);
    List<java.util.Map<String, String>> signatures = Dkim.signatures(delivered);
    assertThat(signatures).hasSize(1);
    assertThat(signatures.getFirst())
        .containsEntry("d", "mallory.example")
        .containsEntry("s", dkim.get("name").asText().split("\\.")[0]);
    assertThat(
            Dkim.verifies(
                delivered, signatures.getFirst(), Dkim.publicKey(dkim.get("value").asText())))
        .isTrue();
  }

  @Test
  void aDomainWithAnEd25519KeyIsSignedTwiceBothWithItsOwnKeys() throws Exception {
    HttpResponse<String> attested =
        node.post(
            "/api/admin/accounts/" + accountId + "/domains",
            TestNode.ADMIN_TOKEN,
            "application/json",
            "{\"name\": \"mallory.example\", \"ed25519\": true}".getBytes(UTF_8));
    assertThat(attested.statusCode()).as(attested.body()).isEqualTo(201);
    assertThat(relay("app@mallory.example", "app@mallory.example")).startsWith("250");

    Await.until(() -> mail.getReceivedMessages().length, n -> n == 1);
    byte[] delivered = GreenMailUtil.getWholeMessage(mail.getReceivedMessages()[0]).getBytes(UTF_8);
    assertThat(Dkim.signatures(delivered))
        .extracting(tags -> tags.get("a") + " " + tags.get("d"))
        .containsExactlyInAnyOrder("rsa-sha256 mallory.example", "ed25519-sha256 mallory.example");
  }

  @Test
  void aMessageQueuedBeforeItsDomainWasTakenIsNotSentOnceAnotherAccountHasIt() throws Exception {
    assertThat(attest("mallory.example").statusCode()).isEqualTo(201);
    AccountId id = new AccountId(accountId);
    Account account = node.node().accounts().authenticate(apiKey).orElseThrow();
    // Held while the account is frozen: built only after the domain changed hands.
    node.node().freezes().freeze(id, "held for the test", "test");
    Submitted queued =
        node.node()
            .messages()
            .submit(
                account,
                new MessageRequest.Composed(
                    List.of("victim@example.com"),
                    "app@mallory.example",
                    "",
                    Optional.empty(),
                    new MessageRequest.Body.Inline("Hi", Optional.empty(), Optional.of("Hello"))),
                Optional.empty());
    node.attestDomain(node.createAccount("The Real Mallory"), "mallory.example");
    node.node().freezes().unfreeze(id, "test");

    MessageStatus status =
        Await.until(
            () -> node.node().messages().status(id, queued.id()).orElseThrow(),
            s -> !s.overall().equals("queued"));
    assertThat(status.overall()).isEqualTo("failed");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void anAccountCannotTakeADomainHeraldSignsForItself() throws Exception {
    HttpResponse<String> refused = attest("bank.example");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(node.json(refused).get("detail").asText()).contains("Herald's own");
  }
}
