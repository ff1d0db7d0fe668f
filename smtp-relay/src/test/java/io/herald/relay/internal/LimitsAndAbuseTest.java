package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, malformed input and relay abuse, scripted through the real pipeline. */
class LimitsAndAbuseTest {

  private final TestBackend backend = new TestBackend();

  private Dialogue greeted(RelaySettings.Builder settings) {
    Dialogue dialogue = new Dialogue(settings.build(), backend);
    dialogue.line("EHLO client").take();
    return dialogue;
  }

  @Test
  void overLongCommandLineIsRefusedAndTheConnectionStaysUsable() {
    try (Dialogue d = greeted(RelaySettings.builder().maxLineLength(512))) {
      String huge = "MAIL FROM:<" + "a".repeat(100_000) + "@example.org>";
      assertThat(d.line(huge).take()).isEqualTo("500 5.5.2 Line too long\r\n");
      assertThat(d.line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
      assertThat(d.send("X".repeat(600)).take()).isEmpty();
      assertThat(d.send("Y".repeat(600) + "\r\nNOOP\r\n").take())
          .isEqualTo("500 5.5.2 Line too long\r\n250 2.0.0 OK\r\n");
    }
  }

  @Test
  void tooManyRecipients() {
    try (Dialogue d = greeted(RelaySettings.builder().maxRecipients(2))) {
      d.line("MAIL FROM:<a@example.org>").take();
      assertThat(d.line("RCPT TO:<r1@herald.test>").take()).startsWith("250 2.1.5");
      assertThat(d.line("RCPT TO:<r2@herald.test>").take()).startsWith("250 2.1.5");
      assertThat(d.line("RCPT TO:<r3@herald.test>").take())
          .isEqualTo("452 4.5.3 Too many recipients\r\n");
      assertThat(d.line("RCPT TO:<r1@herald.test>").take()).startsWith("250 2.1.5");
    }
  }

  @Test
  void oversizeMessageIsReadToTheEndThenRefused() {
    try (Dialogue d = greeted(RelaySettings.builder().maxMessageSize(2048))) {
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      String line = "0123456789".repeat(10) + "\r\n";
      assertThat(d.send(line.repeat(30)).take()).isEmpty();
      assertThat(d.send(".\r\n").take())
          .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n");
      assertThat(d.line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
    }
    assertThat(backend.messages()).isEmpty();
  }

  @Test
  void dotStuffedLinesAreUnstuffedAndOnlyALoneDotEnds() {
    try (Dialogue d = greeted(RelaySettings.builder())) {
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      assertThat(d.send("..leading dot\r\n.\tnot the end\r\n. \r\n...\r\nlast\r\n").take())
          .isEmpty();
      assertThat(d.send(".\r\n").take()).startsWith("250 2.0.0");
    }
    assertThat(body(backend.messages().getFirst().content()))
        .isEqualTo(".leading dot\r\n\tnot the end\r\n \r\n..\r\nlast\r\n");
  }

  @Test
  void bareLineFeedInContentIsRefusedAndCannotEndTheMessage() {
    try (Dialogue d = greeted(RelaySettings.builder())) {
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      // A smuggling attempt: "\n.\n" must not end the message here nor anywhere downstream.
      assertThat(d.send("Subject: a\r\n\r\nhello\n.\nMAIL FROM:<evil@example.org>\r\n").take())
          .isEmpty();
      assertThat(d.send(".\r\n").take())
          .isEqualTo("554 5.6.0 Bare CR or LF in message content; lines must end with CRLF\r\n");
    }
    assertThat(backend.messages()).isEmpty();
  }

  @Test
  void nulInContentIsRefusedAtTheEndAndTheSessionStaysUsable() {
    try (Dialogue d = greeted(RelaySettings.builder())) {
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      // A NUL would reach the next hop raw, where C-string parsers truncate or misread the line.
      assertThat(d.send("Subject: a\r\n\r\nbefore\0after\r\nmore\r\n").take()).isEmpty();
      assertThat(d.send(".\r\n").take())
          .isEqualTo("554 5.6.0 NUL character in message content\r\n");
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      assertThat(d.send("Subject: b\r\n\r\nclean\r\n.\r\n").take()).startsWith("250 2.0.0");
    }
    assertThat(backend.messages()).hasSize(1);
    assertThat(body(backend.messages().getFirst().content()))
        .isEqualTo("Subject: b\r\n\r\nclean\r\n");
  }

  @Test
  void largeBodiesGoThroughATemporaryFileThatIsDeletedAfterwards(@TempDir Path spool)
      throws Exception {
    RelaySettings.Builder settings =
        RelaySettings.builder().spoolDirectory(spool).bodyMemoryThreshold(1024);
    String line = "x".repeat(998) + "\r\n";
    try (Dialogue d = greeted(settings)) {
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      d.send(line.repeat(50));
      try (Stream<Path> files = Files.list(spool)) {
        assertThat(files).hasSize(1);
      }
      assertThat(d.send(".\r\n").take()).startsWith("250 2.0.0");
    }
    assertThat(body(backend.messages().getFirst().content())).isEqualTo(line.repeat(50));
    try (Stream<Path> files = Files.list(spool)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void sourceRoutesAreRefused() {
    try (Dialogue d = greeted(RelaySettings.builder())) {
      assertThat(d.line("MAIL FROM:<@a.example,@b.example:user@c.example>").take())
          .isEqualTo("553 5.1.3 Source routes are not accepted\r\n");
      d.line("MAIL FROM:<a@example.org>").take();
      assertThat(d.line("RCPT TO:<@herald.test:user@elsewhere.example>").take())
          .isEqualTo("553 5.1.3 Source routes are not accepted\r\n");
    }
  }

  @Test
  void percentHackReachesTheBackendMarkedAndIsRefused() {
    try (Dialogue d = greeted(RelaySettings.builder())) {
      d.line("MAIL FROM:<a@example.org>").take();
      assertThat(d.line("RCPT TO:<victim%elsewhere.example@herald.test>").take())
          .isEqualTo("550 5.7.1 Relaying denied\r\n");
      assertThat(d.line("RCPT TO:<elsewhere.example!victim@herald.test>").take())
          .isEqualTo("550 5.7.1 Relaying denied\r\n");
    }
  }

  @Test
  void controlCharactersInCommandsAreRefused() {
    try (Dialogue d = greeted(RelaySettings.builder())) {
      assertThat(d.send("MAIL FROM:<a@example.org>\rRCPT TO:<x@herald.test>\r\n").take())
          .isEqualTo("500 5.5.2 Syntax error: control or 8-bit characters in command\r\n");
      assertThat(d.send("MAIL FROM:<a@example.org>\nRCPT TO:<x@herald.test>\r\n").take())
          .startsWith("500 5.5.2");
      assertThat(d.send("MAIL FROM:<a\0@example.org>\r\n").take()).startsWith("500 5.5.2");
      assertThat(d.send("EHLO bad\u00e9name\r\n").take()).startsWith("500 5.5.2");
      assertThat(d.line("MAIL FROM:<a@example.org>").take()).startsWith("250 2.1.0");
    }
    assertThat(backend.calls()).containsExactly("mailFrom <a@example.org>");
  }

  @Test
  void tooManyErrorsCloseTheConnection() {
    try (Dialogue d = greeted(RelaySettings.builder().maxErrors(3))) {
      assertThat(d.line("FOO").line("BAR").line("BAZ").take())
          .isEqualTo("500 5.5.1 Command unrecognized\r\n".repeat(3));
      assertThat(d.line("QUX").take())
          .isEqualTo("500 5.5.1 Command unrecognized\r\n421 4.7.0 Too many errors, closing\r\n");
      assertThat(d.open()).isFalse();
    }
  }

  @Test
  void failedAuthenticationsCountAsErrors() {
    try (Dialogue d = greeted(RelaySettings.builder().allowPlainAuth(true).maxErrors(2))) {
      String wrong = DialogueTest.base64("\0alice\0wrong");
      Duration later = Duration.ofMinutes(1); // past each failure's growing delay
      d.line("AUTH PLAIN " + wrong)
          .advance(later)
          .line("AUTH PLAIN " + wrong)
          .advance(later)
          .take();
      assertThat(d.line("AUTH PLAIN " + wrong).advance(later).take())
          .endsWith("421 4.7.0 Too many errors, closing\r\n");
      assertThat(d.open()).isFalse();
    }
  }

  @Test
  void tooManyCommandsCloseTheConnection() {
    try (Dialogue d = greeted(RelaySettings.builder().maxCommands(3))) {
      assertThat(d.line("NOOP").line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n".repeat(2));
      assertThat(d.line("NOOP").take()).isEqualTo("421 4.7.0 Too many commands, closing\r\n");
      assertThat(d.open()).isFalse();
    }
  }

  @Test
  void trustedNetworkGetsTheBackendPrincipalWithoutAuth() {
    RelaySettings settings = RelaySettings.builder().trustedNetwork("192.0.2.0/24").build();
    try (Dialogue d = new Dialogue(settings, backend)) {
      assertThat(d.take()).startsWith("220 ");
      d.line("EHLO tool").line("MAIL FROM:<app@example.org>").take();
      assertThat(d.line("RCPT TO:<someone@elsewhere.example>").take()).startsWith("250 2.1.5");
    }
    assertThat(backend.calls()).first().isEqualTo("trusted 192.0.2.10");
  }

  /** The content after the relay's own three-line Received header. */
  static String body(String content) {
    int end = content.indexOf("\r\n", content.indexOf("\r\n", content.indexOf("\r\n") + 2) + 2);
    return content.substring(end + 2);
  }
}
