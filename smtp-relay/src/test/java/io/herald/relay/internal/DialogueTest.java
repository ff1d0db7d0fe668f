package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The core dialogue, as a client sees it, through the real pipeline on an embedded channel. */
class DialogueTest {

  private final TestBackend backend = new TestBackend();

  private Dialogue dialogue(RelaySettings.Builder settings) {
    Dialogue dialogue = new Dialogue(settings.build(), backend);
    assertThat(dialogue.take()).isEqualTo("220 localhost ESMTP Herald relay ready\r\n");
    return dialogue;
  }

  private Dialogue dialogue() {
    return dialogue(RelaySettings.builder().allowPlainAuth(true));
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ehloAdvertisesExtensionsWithoutEnhancedCodes() {
    try (Dialogue d = dialogue()) {
      assertThat(d.line("EHLO client.example").take())
          .isEqualTo(
              "250-localhost Hello client.example\r\n"
                  + "250-SIZE 26214400\r\n"
                  + "250-PIPELINING\r\n"
                  + "250-8BITMIME\r\n"
                  + "250-SMTPUTF8\r\n"
                  + "250-ENHANCEDSTATUSCODES\r\n"
                  + "250 AUTH PLAIN LOGIN\r\n");
    }
  }

  @Test
  void ehloWithoutTlsAndWithoutPlainAuthOffersNoAuth() {
    try (Dialogue d = dialogue(RelaySettings.builder())) {
      assertThat(d.line("EHLO c").take()).doesNotContain("AUTH").doesNotContain("STARTTLS");
      assertThat(d.line("AUTH PLAIN " + base64("\0alice\0" + TestBackend.PASSWORD)).take())
          .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism\r\n");
      assertThat(backend.calls()).isEmpty();
    }
  }

  @Test
  void heloThenACompleteTransaction() {
    try (Dialogue d = dialogue()) {
      assertThat(d.line("HELO client").take()).isEqualTo("250 localhost Hello client\r\n");
      assertThat(d.line("MAIL FROM:<bob@example.org>").take()).isEqualTo("250 2.1.0 Sender OK\r\n");
      assertThat(d.line("RCPT TO:<bounces@herald.test>").take())
          .isEqualTo("250 2.1.5 Recipient OK\r\n");
      assertThat(d.line("DATA").take()).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
      assertThat(d.send("Subject: hi\r\n\r\nHello\r\n.\r\n").take())
          .isEqualTo("250 2.0.0 Message accepted for delivery\r\n");
      assertThat(d.line("QUIT").take()).isEqualTo("221 2.0.0 Bye\r\n");
      assertThat(d.open()).isFalse();
    }
    TestBackend.Received message = backend.messages().getFirst();
    assertThat(message.envelope().sender().mailbox()).isEqualTo("bob@example.org");
    assertThat(message.content())
        .isEqualTo(
            "Received: from client ([192.0.2.10])\r\n"
                + "\tby localhost (Herald) with SMTP id 1;\r\n"
                + "\tSun, 1 Mar 2026 10:15:30 GMT\r\n"
                + "Subject: hi\r\n\r\nHello\r\n");
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      String replies =
          d.send(
                  "MAIL FROM:<a@example.org>\r\nRCPT TO:<x@herald.test>\r\n"
                      + "RCPT TO:<y@elsewhere.example>\r\nRCPT TO:<z@herald.test>\r\nDATA\r\n")
              .take();
      assertThat(replies)
          .isEqualTo(
              "250 2.1.0 Sender OK\r\n"
                  + "250 2.1.5 Recipient OK\r\n"
                  + "550 5.7.1 Relaying denied\r\n"
                  + "250 2.1.5 Recipient OK\r\n"
                  + "354 End data with <CR><LF>.<CR><LF>\r\n");
      assertThat(d.send("body\r\n.\r\nQUIT\r\n").take())
          .isEqualTo("250 2.0.0 Message accepted for delivery\r\n221 2.0.0 Bye\r\n");
    }
    assertThat(backend.messages().getFirst().envelope().recipients())
        .extracting(a -> a.mailbox())
        .containsExactly("x@herald.test", "z@herald.test");
  }

  @Test
  void authPlainWithInitialResponse() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      assertThat(d.line("AUTH PLAIN " + base64("\0alice\0" + TestBackend.PASSWORD)).take())
          .isEqualTo("235 2.7.0 Authentication successful\r\n");
      d.line("MAIL FROM:<alice@example.org>").take();
      assertThat(d.line("RCPT TO:<anyone@elsewhere.example>").take())
          .isEqualTo("250 2.1.5 Recipient OK\r\n");
      assertThat(d.line("AUTH PLAIN").take()).startsWith("503 5.5.1");
    }
  }

  @Test
  void authPlainWithChallengeAndWrongPassword() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      assertThat(d.line("AUTH PLAIN").take()).isEqualTo("334\r\n");
      // The reply to a failure waits (authFailureDelay, 1 s at first): see AuthFailuresTest.
      assertThat(d.line(base64("alice\0alice\0wrong")).advance(Duration.ofSeconds(1)).take())
          .isEqualTo("535 5.7.8 Authentication credentials invalid\r\n");
      d.line("MAIL FROM:<alice@example.org>").take();
      assertThat(d.line("RCPT TO:<anyone@elsewhere.example>").take())
          .isEqualTo("550 5.7.1 Relaying denied\r\n");
    }
  }

  @Test
  void authPlainActingForAnotherIdentityIsRefused() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      assertThat(d.line("AUTH PLAIN " + base64("root\0alice\0" + TestBackend.PASSWORD)).take())
          .startsWith("535 5.7.8");
    }
  }

  @Test
  void authLoginStepByStepAndWithInitialResponse() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      assertThat(d.line("AUTH LOGIN").take()).isEqualTo("334 VXNlcm5hbWU6\r\n");
      assertThat(d.line(base64("alice")).take()).isEqualTo("334 UGFzc3dvcmQ6\r\n");
      assertThat(d.line(base64("nope")).advance(Duration.ofSeconds(1)).take())
          .startsWith("535 5.7.8");
      assertThat(d.line("AUTH LOGIN " + base64("alice")).take()).isEqualTo("334 UGFzc3dvcmQ6\r\n");
      assertThat(d.line(base64(TestBackend.PASSWORD)).take()).startsWith("235 2.7.0");
    }
    assertThat(backend.calls()).containsExactly("authenticate alice", "authenticate alice");
  }

  @Test
  void authCancelledWithStarAndBadBase64() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      d.line("AUTH LOGIN").take();
      assertThat(d.line("*").take()).isEqualTo("501 5.7.0 Authentication cancelled\r\n");
      d.line("AUTH PLAIN").take();
      assertThat(d.line("not base64!").take()).isEqualTo("501 5.5.2 Invalid base64 data\r\n");
      assertThat(d.line("AUTH CRAM-MD5").take()).startsWith("504 5.5.4");
      assertThat(d.line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
    }
    assertThat(backend.calls()).isEmpty();
  }

  @Test
  void rsetClearsTheTransaction() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").take();
      assertThat(d.line("RSET").take()).isEqualTo("250 2.0.0 OK\r\n");
      assertThat(d.line("DATA").take()).startsWith("503 5.5.1");
      assertThat(d.line("MAIL FROM:<a@example.org>").take()).startsWith("250 2.1.0");
    }
  }

  @Test
  void badSequences() {
    try (Dialogue d = dialogue()) {
      assertThat(d.line("MAIL FROM:<a@example.org>").take())
          .isEqualTo("503 5.5.1 Send EHLO or HELO first\r\n");
      d.line("EHLO c").take();
      assertThat(d.line("RCPT TO:<x@herald.test>").take())
          .isEqualTo("503 5.5.1 Need MAIL before RCPT\r\n");
      assertThat(d.line("DATA").take()).isEqualTo("503 5.5.1 Need MAIL and RCPT before DATA\r\n");
      d.line("MAIL FROM:<a@example.org>").take();
      assertThat(d.line("MAIL FROM:<a@example.org>").take()).startsWith("503 5.5.1");
      assertThat(d.line("DATA").take()).isEqualTo("554 5.5.1 No valid recipients\r\n");
    }
  }

  @Test
  void smallCommands() {
    try (Dialogue d = dialogue()) {
      assertThat(d.line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
      assertThat(d.line("VRFY alice").take()).startsWith("252 2.0.0");
      assertThat(d.line("HELP").take()).startsWith("214 2.0.0");
      assertThat(d.line("TURN").take()).isEqualTo("500 5.5.1 Command unrecognized\r\n");
      assertThat(d.line("STARTTLS").take()).isEqualTo("454 4.7.0 TLS not available\r\n");
      assertThat(d.line("ehlo lower.case").take()).startsWith("250-localhost Hello lower.case");
    }
  }

  @Test
  void mailParameters() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      assertThat(d.line("MAIL FROM:<a@example.org> SIZE=99999999999").take())
          .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n");
      assertThat(d.line("MAIL FROM:<a@example.org> BODY=BINARYMIME").take())
          .startsWith("501 5.5.4");
      assertThat(d.line("MAIL FROM:<a@example.org> SMTPUTF8=yes").take()).startsWith("501 5.5.4");
      assertThat(d.line("MAIL FROM:<> SIZE=1000 BODY=8BITMIME").take()).startsWith("250 2.1.0");
      assertThat(d.line("RCPT TO:<x@herald.test> NOTIFY=NEVER").take()).startsWith("555 5.5.4");
    }
    assertThat(backend.calls()).containsExactly("mailFrom <>");
  }

  @Test
  void ehloResetsATransaction() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").line("MAIL FROM:<a@example.org>").take();
      d.line("EHLO c").take();
      assertThat(d.line("RCPT TO:<x@herald.test>").take()).startsWith("503 5.5.1");
    }
  }
}
