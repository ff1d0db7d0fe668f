package io.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.Account;
import io.herald.audience.Suppression;
import io.herald.config.HeraldConfig;
import io.herald.feedback.FeedbackParser;
import io.herald.feedback.FeedbackReport;
import io.herald.feedback.MessageRef;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import io.herald.tracking.TrackingSecret;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional messages on real parts (embedded Redis, the queue and worker, GreenMail): raw
 * messages as the SMTP relay hands them in, suppression at send time, one-click unsubscribe from a
 * transactional message, and a message accepted before a restart delivered once after it.
 */
class TransactionalDeliveryTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

  private HeraldConfig toGreenMail() {
    HeraldConfig base = TestNode.config(data);
    return base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort()));
  }

  private static MessageRequest.Composed composed(String... to) {
    return new MessageRequest.Composed(
        List.of(to),
        "orders@shop.example",
        "Shop",
        Optional.of("help@shop.example"),
        new MessageRequest.Body.Inline(
            "Receipt", Optional.of("<p>Thanks!</p>"), Optional.of("Thanks!")));
  }

  private static MessageStatus awaitFinal(Messages messages, Account account, MessageId id)
      throws Exception {
    return Await.until(
        () -> messages.status(account.id(), id).orElseThrow(),
        s -> s.recipients().stream().allMatch(r -> r.state().isFinal()));
  }

  static byte[] rawInvoice(byte[] pdf) throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom("Shop <orders@shop.example>");
    m.setRecipients(Message.RecipientType.TO, "ann@example.org");
    m.setSubject("Invoice 7");
    m.setHeader("Bcc", "hidden@example.net");
    m.setHeader("List-Unsubscribe", "<https://elsewhere.example/u>");
    m.setHeader("Return-Path", "<someone@elsewhere.example>");
    m.setHeader("DKIM-Signature", "v=1; a=rsa-sha256; d=shop.example; s=x; b=abc");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Your invoice is attached.", "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText("<html><body><p>Your invoice is attached.</p></body></html>", "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative", text, html);
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
    attachment.setFileName("invoice.pdf");
    attachment.setDisposition(Part.ATTACHMENT);
    m.setContent(new MimeMultipart("mixed", body, attachment));
    m.saveChanges();
    m.setHeader("Message-ID", "<client-7@shop.example>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void aRawMessageGetsTheFooterInEveryTextPartAndHeraldsHeadersWin() throws Exception {
    byte[] pdf = new byte[3000];
    for (int i = 0; i < pdf.length; i++) {
      pdf[i] = (byte) (i * 31);
    }
    try (TestNode node = TestNode.start(toGreenMail(), clock)) {
      Messages messages = node.node().messages();
      Account account = node.node().accounts().create("Shop").account();
      TestNode.attestDomain(node.node(), account.id(), "shop.example");
      MessageRequest.Raw raw =
          new MessageRequest.Raw(
              "orders@shop.example", List.of("ann@example.org"), rawInvoice(pdf));
      MessageId id = messages.submit(account, raw, Optional.empty()).id();
      MessageStatus status = awaitFinal(messages, account, id);
      assertThat(status.overall()).isEqualTo("delivered");
      assertThat(status.source()).isEqualTo("smtp");
      assertThat(status.subject()).isEqualTo("Invoice 7");

      MimeMessage received = mail.getReceivedMessages()[0];
      assertThat(received.getHeader("Bcc")).isNull();
      // The client's signature is gone; Herald's, with the account's own domain key, is the one.
      assertThat(received.getHeader("DKIM-Signature"))
          .singleElement()
          .asString()
          .contains("d=shop.example")
          .doesNotContain("s=x;");
      assertThat(received.getHeader("List-Unsubscribe")).hasSize(1);
      assertThat(received.getHeader("List-Unsubscribe")[0])
          .contains("/u/")
          .doesNotContain("elsewhere");
      assertThat(received.getHeader("List-Unsubscribe-Post"))
          .containsExactly("List-Unsubscribe=One-Click");
      assertThat(received.getHeader("Feedback-ID")[0]).startsWith(id.value());
      assertThat(received.getHeader("Return-Path")[0]).contains("bounces+");
      assertThat(received.getMessageID()).isEqualTo("<client-7@shop.example>");

      MimeMultipart mixed = (MimeMultipart) received.getContent();
      MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
      String text = (String) alternative.getBodyPart(0).getContent();
      String html = (String) alternative.getBodyPart(1).getContent();
      assertThat(text)
          .startsWith("Your invoice is attached.")
          .contains("This message was sent to ann@example.org by orders@shop.example.")
          .contains("Unsubscribe: ");
      assertThat(html).contains("Your invoice is attached.").contains("herald-footer");
      Part attachment = mixed.getBodyPart(1);
      assertThat(attachment.getFileName()).isEqualTo("invoice.pdf");
      assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
    }
  }

  @Test
  void badRawMessagesAreRefusedAndNothingIsWritten() throws Exception {
    try (TestNode node = TestNode.start(toGreenMail(), clock)) {
      Messages messages = node.node().messages();
      Account account = node.node().accounts().create("Shop").account();
      TestNode.attestDomain(node.node(), account.id(), "shop.example");
      byte[] noFrom = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] good = rawInvoice(new byte[10]);
      assertThatThrownBy(
              () ->
                  messages.submit(
                      account,
                      new MessageRequest.Raw("a@shop.example", List.of("b@example.org"), noFrom),
                      Optional.empty()))
          .isInstanceOfSatisfying(
              MessageRefused.class,
              e -> assertThat(e.reason()).isEqualTo(MessageRefused.Reason.INVALID_MESSAGE));
      assertThatThrownBy(
              () ->
                  messages.submit(
                      account,
                      new MessageRequest.Raw(
                          "a@shop.example", List.of("b@example.org\r\nRCPT TO:<c@x.org>"), good),
                      Optional.empty()))
          .isInstanceOfSatisfying(
              MessageRefused.class,
              e -> assertThat(e.reason()).isEqualTo(MessageRefused.Reason.INVALID_ADDRESS));
      assertThatThrownBy(
              () ->
                  MessageRequest.Raw.read(
                      "a@shop.example",
                      List.of("b@example.org"),
                      new ByteArrayInputStream(new byte[2000]),
                      1000))
          .isInstanceOfSatisfying(
              MessageRefused.class,
              e -> assertThat(e.reason()).isEqualTo(MessageRefused.Reason.TOO_LARGE));
      assertThat(messages.list(account.id(), Optional.empty(), 10).orElseThrow().messages())
          .isEmpty();
    }
  }

  @Test
  void aSuppressedRecipientIsNotSentAndItsStatusSaysSo() throws Exception {
    try (TestNode node = TestNode.start(toGreenMail(), clock)) {
      Messages messages = node.node().messages();
      Account account = node.node().accounts().create("Shop").account();
      TestNode.attestDomain(node.node(), account.id(), "shop.example");
      node.node()
          .audience()
          .suppress(
              account.id(), new Suppression("e:out@example.org", "unsubscribed", clock.instant()));

      MessageId id =
          messages
              .submit(account, composed("in@example.org", "out@example.org"), Optional.empty())
              .id();
      MessageStatus status = awaitFinal(messages, account, id);

      assertThat(status.recipients())
          .extracting(r -> r.address() + "=" + r.state().name())
          .containsExactly("in@example.org=delivered", "out@example.org=suppressed");
      assertThat(status.overall()).isEqualTo("mixed");
      assertThat(mail.getReceivedMessages()).hasSize(1);
      assertThat(GreenMailUtil.getAddressList(mail.getReceivedMessages()[0].getAllRecipients()))
          .contains("in@example.org");
    }
  }

  @Test
  void theOneClickUnsubscribeOfATransactionalMessageSuppressesTheRecipient() throws Exception {
    try (TestNode node = TestNode.start(toGreenMail(), clock)) {
      Messages messages = node.node().messages();
      Account account = node.node().accounts().create("Shop").account();
      TestNode.attestDomain(node.node(), account.id(), "shop.example");
      MessageId id = messages.submit(account, composed("leave@example.org"), Optional.empty()).id();
      awaitFinal(messages, account, id);
      String header = mail.getReceivedMessages()[0].getHeader("List-Unsubscribe")[0];
      String token = header.substring(header.indexOf("/u/") + 3, header.indexOf('>'));

      HttpResponse<String> response =
          node.send(
              HttpRequest.newBuilder(node.url("/u/" + token))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                  .build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(messages.isSuppressed(account.id(), "leave@example.org")).isTrue();
    }
  }

  @Test
  void aMessageAcceptedBeforeARestartIsDeliveredExactlyOnceAfterIt() throws Exception {
    Account account;
    MessageId id;
    // The first node's mail goes nowhere (TestNode's default smarthost): the copy is deferred.
    try (TestNode first = TestNode.start(TestNode.config(data), clock)) {
      account = first.node().accounts().create("Shop").account();
      TestNode.attestDomain(first.node(), account.id(), "shop.example");
      id =
          first
              .node()
              .messages()
              .submit(account, composed("later@example.org"), Optional.empty())
              .id();
      Await.until(
          () -> first.node().messages().status(account.id(), id).orElseThrow().overall(),
          "deferred"::equals);
    }
    clock.advance(Duration.ofMinutes(3));
    try (TestNode second = TestNode.start(toGreenMail(), clock)) {
      MessageStatus status = awaitFinal(second.node().messages(), account, id);
      assertThat(status.overall()).isEqualTo("delivered");
      // Nothing is left queued or pending that could go out a second time.
      Await.until(() -> second.node().transactionalBacklog(), n -> n == 0);
      assertThat(mail.getReceivedMessages()).hasSize(1);
      assertThat(second.node().messages().status(account.id(), id).orElseThrow().overall())
          .isEqualTo("delivered");
    }
  }

  @Test
  void aLaterDsnAboutACopyBouncesItAndSuppressesTheAddress() throws Exception {
    try (TestNode node = TestNode.start(toGreenMail(), clock)) {
      Messages messages = node.node().messages();
      Account account = node.node().accounts().create("Shop").account();
      TestNode.attestDomain(node.node(), account.id(), "shop.example");
      MessageId id = messages.submit(account, composed("gone@example.org"), Optional.empty()).id();
      awaitFinal(messages, account, id);
      String returnPath = mail.getReceivedMessages()[0].getHeader("Return-Path")[0];
      String dsn =
          String.join(
              "\r\n",
              "From: MAILER-DAEMON@mx.example.org",
              "To: " + returnPath,
              "Subject: Undelivered Mail Returned to Sender",
              "MIME-Version: 1.0",
              "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
              "",
              "--b",
              "Content-Type: text/plain",
              "",
              "Your message could not be delivered.",
              "--b",
              "Content-Type: message/delivery-status",
              "",
              "Reporting-MTA: dns; mx.example.org",
              "",
              "Final-Recipient: rfc822; gone@example.org",
              "Action: failed",
              "Status: 5.1.1",
              "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
              "--b--",
              "");
      var signer =
          TrackingSecret.signer(
              TestNode.config(data).tracking().secret(), data, new SecureRandom());
      var report =
          new FeedbackParser(signer)
              .parse(
                  new ByteArrayInputStream(dsn.getBytes(StandardCharsets.US_ASCII)),
                  Optional.empty());

      assertThat(report).isInstanceOf(FeedbackReport.Bounce.class);
      assertThat(messages.bounced((FeedbackReport.Bounce) report)).isTrue();
      DeliveryState state =
          messages.status(account.id(), id).orElseThrow().recipients().getFirst().state();
      assertThat(state)
          .isInstanceOfSatisfying(
              DeliveryState.Bounced.class,
              b -> assertThat(b.kind()).isEqualTo(DeliveryState.Kind.HARD));
      assertThat(messages.isSuppressed(account.id(), "gone@example.org")).isTrue();
      var ref = (MessageRef.Recipient) ((FeedbackReport.Bounce) report).ref();
      assertThat(messages.contactKey(ref)).hasValue("e:gone@example.org");
    }
  }
}
