package io.herald.submission;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.config.HeraldConfig;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the relay does to a message, end to end on real SMTP (a node's relay on a loopback port,
 * GreenMail as the next hop): the footer goes only into the message's own body text, every other
 * part reaches the recipient byte for byte; a signed message or a lone attachment is wrapped beside
 * a footer part; what Herald could not deliver is refused at DATA, before 250; the relay's limits
 * are the message's (recipients, SIZE).
 */
class RelayFidelityTest {
  @RegisterExtension
  static GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  static final int MAX_SIZE = 256 * 1024;

  @TempDir static Path data;
  static TestNode node;
  static String apiKey;
  static String accountId;

  @BeforeAll
  static void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort()))
                .withRelay(base.relay().withMaxMessageSize(MAX_SIZE)),
            Clock.systemUTC());
    apiKey = node.createAccount("Shop");
    accountId = node.node().accounts().authenticate(apiKey).orElseThrow().id().value();
    node.attestDomain(apiKey, "shop.example");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void nothingInFlight() throws Exception {
    Await.until(() -> node.node().transactionalBacklog(), n -> n == 0);
    mail.purgeEmailFromAllMailboxes();
  }

  static String crlf(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  static String base64Lines(byte[] bytes) {
    return Base64.getMimeEncoder(76, "\r\n".getBytes(ISO_8859_1)).encodeToString(bytes) + "\r\n";
  }

  static byte[] pdf() {
    byte[] pdf = new byte[3000];
    for (int i = 0; i < pdf.length; i++) {
      pdf[i] = (byte) (i * 31 + 7);
    }
    return pdf;
  }

  String relay(String message) throws Exception {
    return relay(message.getBytes(UTF_8));
  }

  String relay(byte[] message) throws Exception {
    try (RelayClient client =
        RelayClient.authenticated(node.node().relayPort(), accountId, apiKey)) {
      return client.send("orders@shop.example", "ann@example.org", message);
    }
  }

  static String delivered() throws Exception {
    Await.until(() -> mail.getReceivedMessages().length, n -> n >= 1);
    return GreenMailUtil.getWholeMessage(mail.getReceivedMessages()[0]);
  }

  static final String HEAD =
      crlf("From: Shop <orders@shop.example>", "To: ann@example.org", "Subject: Invoice 7");

  @Test
  void aLoneAttachmentIsWrappedBesideTheFooterAndKeptByteForByte() throws Exception {
    byte[] pdf = pdf();
    // What Python's EmailMessage.add_attachment builds for one PDF: a single part, no multipart.
    String part =
        crlf(
                "Content-Type: application/pdf",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"invoice.pdf\"")
            + "\r\n"
            + base64Lines(pdf);
    String message = HEAD + "MIME-Version: 1.0\r\n" + part;

    assertThat(relay(message)).startsWith("250");

    String raw = delivered();
    assertThat(raw).contains(part);
    MimeMessage received = mail.getReceivedMessages()[0];
    assertThat(received.isMimeType("multipart/mixed")).isTrue();
    MimeMultipart mixed = (MimeMultipart) received.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    BodyPart attachment = mixed.getBodyPart(0);
    assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
    assertThat(attachment.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
    assertThat((String) mixed.getBodyPart(1).getContent())
        .contains("This message was sent to ann@example.org by orders@shop.example.")
        .contains("Unsubscribe: ");
  }

  @Test
  void theFooterGoesOnlyIntoTheBodyTextAndTextAttachmentsAreKept() throws Exception {
    String csv =
        crlf(
                "Content-Type: text/plain; charset=us-ascii",
                "Content-Disposition: inline; filename=data.csv",
                "Content-Transfer-Encoding: 7bit")
            + "\r\n"
            + crlf("id,total", "7,12.50");
    String notes =
        crlf("Content-Type: text/plain; name=notes.txt", "Content-Transfer-Encoding: 7bit")
            + "\r\n"
            + crlf("Keep this file.");
    String message =
        HEAD
            + crlf("MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"outer\"")
            + crlf(
                "",
                "--outer",
                "Content-Type: multipart/alternative; boundary=\"alt\"",
                "",
                "--alt",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "Your invoice.",
                "--alt",
                "Content-Type: text/html; charset=us-ascii",
                "",
                "<p>Your invoice.</p>",
                "--alt--",
                "",
                "--outer")
            + csv
            + "--outer\r\n"
            + notes
            + "--outer--\r\n";

    assertThat(relay(message)).startsWith("250");

    String raw = delivered();
    assertThat(raw).contains("--outer\r\n" + csv + "--outer\r\n" + notes + "--outer--");
    assertThat(raw.split("\nUnsubscribe: ", -1)).hasSize(2); // once, in the text body
    assertThat(raw.split("herald-footer", -1)).hasSizeGreaterThan(1); // and in the HTML body
    MimeMultipart mixed = (MimeMultipart) mail.getReceivedMessages()[0].getContent();
    MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
    assertThat((String) alternative.getBodyPart(0).getContent())
        .startsWith("Your invoice.")
        .contains("This message was sent to ann@example.org");
  }

  @Test
  void aSignedMessageIsWrappedAndItsSignedPartIsNeverTouched() throws Exception {
    String signed =
        crlf(
            "--sig",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
            "",
            "Signed words.",
            "--sig",
            "Content-Type: application/pgp-signature; name=\"signature.asc\"",
            "",
            "-----BEGIN PGP SIGNATURE-----",
            "iQEzBAEBCAAdFiEE",
            "-----END PGP SIGNATURE-----",
            "--sig--");
    String type =
        "Content-Type: multipart/signed; protocol=\"application/pgp-signature\";\r\n"
            + " micalg=pgp-sha256; boundary=\"sig\"\r\n";
    String message = HEAD + "MIME-Version: 1.0\r\n" + type + "\r\n" + signed;

    assertThat(relay(message)).startsWith("250");

    String raw = delivered();
    assertThat(raw).contains(type + "\r\n" + signed);
    MimeMessage received = mail.getReceivedMessages()[0];
    assertThat(received.isMimeType("multipart/mixed")).isTrue();
    MimeMultipart mixed = (MimeMultipart) received.getContent();
    assertThat(mixed.getBodyPart(0).isMimeType("multipart/signed")).isTrue();
    assertThat((String) mixed.getBodyPart(1).getContent()).contains("Unsubscribe: ");
  }

  static final String BODY_TEXT =
      crlf("--b", "Content-Type: text/plain; charset=us-ascii", "", "Hello.", "");

  static String mixedWith(String secondPart) {
    return HEAD
        + crlf("MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\"", "")
        + BODY_TEXT
        + "--b\r\n"
        + secondPart
        + "--b--\r\n";
  }

  @Test
  void whatHeraldCannotDeliverIsRefusedAtDataAndNothingIsQueued() throws Exception {
    int before = node.json(node.get("/api/messages?limit=100", apiKey)).get("messages").size();
    String unknownCharset =
        HEAD
            + crlf(
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=unknown-8bit",
                "Content-Transfer-Encoding: 8bit",
                "",
                "caf\u00e9");
    assertThat(relay(unknownCharset.getBytes(ISO_8859_1)))
        .startsWith("554 5.6.0")
        .contains("unknown-8bit");

    String unknownEncoding =
        HEAD
            + crlf(
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "Content-Transfer-Encoding: x-rot13",
                "",
                "Uryyb.");
    assertThat(relay(unknownEncoding)).startsWith("554 5.6.0").contains("x-rot13");

    String brokenBase64 =
        HEAD
            + crlf(
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
                "SGVsbG8*!not-base64@@");
    assertThat(relay(brokenBase64)).startsWith("554 5.6.0").contains("base64");

    String longLine =
        mixedWith(
            crlf("Content-Type: text/csv", "Content-Disposition: attachment; filename=wide.csv", "")
                + "x".repeat(1200)
                + "\r\n");
    assertThat(relay(longLine)).startsWith("554 5.6.0").contains("998");

    assertThat(node.json(node.get("/api/messages?limit=100", apiKey)).get("messages"))
        .hasSize(before);
  }

  @Test
  void aPartHeraldDoesNotTouchIsPassedOnUnchangedWhateverItsCharsetOrEncoding() throws Exception {
    String odd =
        crlf(
                "Content-Type: text/plain; charset=x-user-defined",
                "Content-Disposition: attachment; filename=odd.txt",
                "Content-Transfer-Encoding: x-custom")
            + "\r\n"
            + crlf("as the client wrote it");
    String broken =
        crlf(
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=blob.bin",
                "Content-Transfer-Encoding: base64")
            + "\r\n"
            + crlf("this*is*not*base64");
    String message = mixedWith(odd + "--b\r\n" + broken);

    assertThat(relay(message)).startsWith("250");

    assertThat(delivered()).contains(odd + "--b\r\n" + broken + "--b--");
  }

  @Test
  void utf8HeadersToANextHopWithoutSmtpUtf8BounceWithTheReasonInTheStatus() throws Exception {
    String message =
        crlf(
            "From: Сидоренко <orders@shop.example>",
            "To: ann@example.org",
            "Subject: Рахунок №7",
            "",
            "Hello.");
    String reply;
    try (RelayClient client =
        RelayClient.authenticated(node.node().relayPort(), accountId, apiKey)) {
      assertThat(client.say("MAIL FROM:<orders@shop.example> SMTPUTF8")).startsWith("250");
      assertThat(client.say("RCPT TO:<ann@example.org>")).startsWith("250");
      reply = client.data(message.getBytes(UTF_8));
    }
    java.util.regex.Matcher queued = SmtpRelayTest.QUEUED.matcher(reply);
    assertThat(queued.find()).as(reply).isTrue();
    var recipient =
        Await.until(
            () ->
                node.json(node.get("/api/messages/" + queued.group(1), apiKey))
                    .get("recipients")
                    .get(0),
            r -> !r.get("status").asText().equals("queued"));
    assertThat(recipient.get("status").asText()).isEqualTo("bounced");
    assertThat(recipient.get("bounce").asText()).isEqualTo("soft");
    assertThat(recipient.get("reply").asText()).startsWith("553 5.6.7").contains("SMTPUTF8");
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(
            node.node()
                .audience()
                .suppressedAmong(
                    node.node().accounts().authenticate(apiKey).orElseThrow().id(),
                    java.util.List.of("e:ann@example.org")))
        .isEmpty();
  }

  @Test
  void theRecipientAfterTheMessageLimitGets452AndTheMessageIsAccepted() throws Exception {
    int limit = node.node().messages().limits().maxRecipients();
    try (RelayClient client =
        RelayClient.authenticated(node.node().relayPort(), accountId, apiKey)) {
      assertThat(client.say("MAIL FROM:<orders@shop.example>")).startsWith("250");
      for (int i = 1; i <= limit; i++) {
        assertThat(client.say("RCPT TO:<r" + i + "@example.org>")).startsWith("250");
      }
      assertThat(client.say("RCPT TO:<one-too-many@example.org>")).startsWith("452 4.5.3");
      assertThat(
              client.data(
                  crlf("From: orders@shop.example", "Subject: all", "", "Hi.").getBytes(UTF_8)))
          .startsWith("250");
    }
    Await.until(() -> mail.getReceivedMessages().length, n -> n == limit);
  }

  @Test
  void aMessageOfExactlyTheAdvertisedSizeIsAcceptedAndOneByteMoreIsNot() throws Exception {
    try (RelayClient client =
        RelayClient.authenticated(node.node().relayPort(), accountId, apiKey)) {
      String ehlo = client.say("EHLO client.example");
      assertThat(ehlo).contains("SIZE " + MAX_SIZE);
      assertThat(client.say("MAIL FROM:<orders@shop.example> SIZE=" + (MAX_SIZE + 1)))
          .startsWith("552 5.3.4");
      assertThat(client.say("MAIL FROM:<orders@shop.example> SIZE=" + MAX_SIZE)).startsWith("250");
      assertThat(client.say("RCPT TO:<ann@example.org>")).startsWith("250");
      assertThat(client.data(ofSize(MAX_SIZE))).startsWith("250");
      assertThat(client.say("MAIL FROM:<orders@shop.example>")).startsWith("250");
      assertThat(client.say("RCPT TO:<ann@example.org>")).startsWith("250");
      assertThat(client.data(ofSize(MAX_SIZE + 1))).startsWith("552 5.3.4");
    }
    assertThat(delivered()).contains("Subject: exactly");
  }

  /** A plain message of exactly {@code size} bytes, lines of at most 78 characters. */
  static byte[] ofSize(int size) {
    StringBuilder message =
        new StringBuilder(crlf("From: orders@shop.example", "Subject: exactly", ""));
    while (message.length() + 160 <= size) {
      message.append("y".repeat(78)).append("\r\n");
    }
    int left = size - message.length();
    message.append("z".repeat(left - 2)).append("\r\n");
    return message.toString().getBytes(UTF_8);
  }
}
