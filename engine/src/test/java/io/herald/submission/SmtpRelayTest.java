package io.herald.submission;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.config.RelayConfig;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald's SMTP relay in a real node over real sockets: an account sends with STARTTLS and AUTH
 * (its id and API key) and the message is delivered with Herald's footer and headers; nobody else
 * can relay (no AUTH, a wrong password, AUTH before STARTTLS, %-hack, source routes); a suppressed
 * recipient is refused at RCPT; a DSN to a bounce address needs no AUTH and bounces the copy.
 */
class SmtpRelayTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static final Pattern QUEUED = Pattern.compile("Queued as ([0-9a-f]{16})");

  @TempDir Path data;
  TestNode node;
  String apiKey;
  String accountId;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            java.time.Clock.systemUTC());
    apiKey = node.createAccount("App Co");
    node.attestDomain(apiKey, "app.example");
    accountId = node.node().accounts().authenticate(apiKey).orElseThrow().id().value();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  Session session(boolean auth) {
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
    return Session.getInstance(props);
  }

  MimeMessage receipt(Session session, String to) throws Exception {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("orders@app.example", "App Co"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject("Your receipt");
    m.setText("Order 42 is on its way.", "UTF-8");
    return m;
  }

  /** Sends through the relay as the account; the server's last reply. */
  String send(MimeMessage message, String user, String password) throws MessagingException {
    try (SMTPTransport transport = (SMTPTransport) message.getSession().getTransport("smtp")) {
      transport.connect(user, password);
      transport.sendMessage(message, message.getAllRecipients());
      return transport.getLastServerResponse();
    }
  }

  @Test
  void anAccountSendsWithStartTlsAndAuthAndTheMessageIsDeliveredWithHeraldsHeaders()
      throws Exception {
    String reply = send(receipt(session(true), "ann@example.com"), accountId, apiKey);
    Matcher queued = QUEUED.matcher(reply);
    assertThat(queued.find()).as(reply).isTrue();
    assertThat(reply).startsWith("250");

    Await.until(() -> mail.getReceivedMessages().length, n -> n == 1);
    MimeMessage delivered = mail.getReceivedMessages()[0];
    assertThat(delivered.getHeader("List-Unsubscribe")[0]).contains("/u/");
    assertThat(delivered.getHeader("List-Unsubscribe-Post")[0])
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(delivered.getHeader("Return-Path")[0]).contains("bounces+");
    assertThat(delivered.getHeader("Received")).anyMatch(h -> h.contains("ESMTP")); // our trace
    JsonNode status = node.json(node.get("/api/messages/" + queued.group(1), apiKey));
    Await.until(
        () ->
            node.json(node.get("/api/messages/" + queued.group(1), apiKey)).get("status").asText(),
        s -> s.equals("delivered"));
    assertThat(status.get("source").asText()).isEqualTo("smtp");
  }

  @Test
  void anAddressThatKeepsGuessingIsRefusedForAWhileEvenWithTheRightKey() throws Exception {
    node.close();
    RelayConfig limited =
        ConfigLoader.load(
                Optional.empty(),
                Map.of(
                    "HERALD_RELAY_MAX_AUTH_FAILURES", "2",
                    "HERALD_RELAY_AUTH_FAILURE_DELAY", "10ms"))
            .relay()
            .withPort(0);
    node = TestNode.start(TestNode.config(data).withRelay(limited), java.time.Clock.systemUTC());
    String key = node.createAccount("Guessed Co");
    String id = node.node().accounts().authenticate(key).orElseThrow().id().value();
    for (int guess = 0; guess < 2; guess++) {
      assertThatThrownBy(() -> send(receipt(session(true), "ann@example.com"), id, "hk_guess"))
          .isInstanceOf(AuthenticationFailedException.class);
    }
    assertThatThrownBy(() -> send(receipt(session(true), "ann@example.com"), id, key))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("454 4.7.0");
  }

  @Test
  void aClientSilentPastTheConfiguredIdleTimeoutIsClosed() throws Exception {
    node.close();
    RelayConfig quick =
        ConfigLoader.load(Optional.empty(), Map.of("HERALD_RELAY_IDLE_TIMEOUT", "1s"))
            .relay()
            .withPort(0);
    node = TestNode.start(TestNode.config(data).withRelay(quick), java.time.Clock.systemUTC());
    try (Dialogue smtp = new Dialogue(node.node().relayPort())) {
      assertThat(smtp.reply()).startsWith("220");
      assertThat(smtp.say("EHLO quiet.example")).startsWith("250");
      // Says nothing more: the relay, not the test's 20 s read bound, ends the session.
      assertThat(smtp.reply()).startsWith("421 4.4.2");
    }
  }

  @Test
  void nobodyRelaysWithoutTheAccountsCredentials() throws Exception {
    assertThatThrownBy(() -> send(receipt(session(true), "ann@example.com"), accountId, "hk_wrong"))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(
            () -> send(receipt(session(true), "ann@example.com"), "0000000000000000", apiKey))
        .isInstanceOf(AuthenticationFailedException.class);

    try (Dialogue smtp = new Dialogue(node.node().relayPort())) {
      assertThat(smtp.reply()).startsWith("220");
      assertThat(smtp.say("EHLO attacker.example")).startsWith("250");
      // Passwords never travel in clear: AUTH needs STARTTLS first.
      assertThat(smtp.say("AUTH PLAIN " + plain(accountId, apiKey))).startsWith("538 5.7.11");
      assertThat(smtp.say("MAIL FROM:<ceo@bank.example>")).startsWith("250");
      assertThat(smtp.say("RCPT TO:<victim@gmail.com>")).startsWith("550 5.7.1");
      assertThat(smtp.say("RCPT TO:<victim%gmail.com@example.com>")).startsWith("553");
      assertThat(smtp.say("RCPT TO:<@relay.example:victim@gmail.com>")).startsWith("553 5.1.3");
      assertThat(smtp.say("RCPT TO:<bounces+notsigned@example.com>")).startsWith("550 5.7.1");
      assertThat(smtp.say("DATA")).startsWith("554 5.5.1"); // no recipient was accepted
    }
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aSuppressedRecipientIsRefusedAtRcpt() throws Exception {
    node.post(
        "/api/suppressions",
        apiKey,
        "application/json",
        "{\"email\": \"gone@example.com\", \"reason\": \"asked to be left alone\"}"
            .getBytes(UTF_8));
    assertThatThrownBy(() -> send(receipt(session(true), "gone@example.com"), accountId, apiKey))
        .isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("550 5.7.1 <gone@example.com> is suppressed");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aDsnToTheBounceAddressNeedsNoAuthAndBouncesTheCopy() throws Exception {
    Matcher queued =
        QUEUED.matcher(send(receipt(session(true), "ann@example.com"), accountId, apiKey));
    assertThat(queued.find()).isTrue();
    Await.until(() -> mail.getReceivedMessages().length, n -> n == 1);
    MimeMessage delivered = mail.getReceivedMessages()[0];
    String returnPath = delivered.getHeader("Return-Path")[0].replaceAll("[<>\\s]", "");

    try (Dialogue smtp = new Dialogue(node.node().relayPort())) {
      smtp.reply();
      smtp.say("EHLO mx.example.com");
      assertThat(smtp.say("MAIL FROM:<>")).startsWith("250");
      assertThat(smtp.say("RCPT TO:<" + returnPath + ">")).startsWith("250");
      assertThat(smtp.say("DATA")).startsWith("354");
      StringBuilder dsn = new StringBuilder();
      for (String line :
          new String[] {
            "From: MAILER-DAEMON@mx.example.com",
            "To: " + returnPath,
            "Subject: Undelivered Mail Returned to Sender",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "ann@example.com: user unknown",
            "--b",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.com",
            "",
            "Final-Recipient: rfc822; ann@example.com",
            "Action: failed",
            "Status: 5.1.1",
            "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
            "",
            "--b--"
          }) {
        dsn.append(line).append("\r\n");
      }
      assertThat(smtp.say(dsn + ".")).startsWith("250");
    }
    Await.until(
        () ->
            node.json(node.get("/api/messages/" + queued.group(1), apiKey))
                .get("recipients")
                .get(0)
                .get("status")
                .asText(),
        s -> s.equals("bounced"));
    assertThat(node.get("/api/suppressions", apiKey).body()).contains("ann@example.com");
  }

  static String plain(String user, String password) {
    return java.util.Base64.getEncoder()
        .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A bare-socket SMTP client that shows the raw replies. */
  static final class Dialogue implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Dialogue(int port) throws Exception {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(20_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      out = socket.getOutputStream();
    }

    String reply() throws Exception {
      StringBuilder reply = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        reply.append(reply.isEmpty() ? "" : "\n").append(line);
        if (line.length() < 4 || line.charAt(3) == ' ') {
          break;
        }
      }
      return reply.toString();
    }

    String say(String command) throws Exception {
      out.write((command + "\r\n").getBytes(UTF_8));
      out.flush();
      return reply();
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }
}
