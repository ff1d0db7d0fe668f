package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import org.junit.jupiter.api.Test;

/** Line framing across reads and long lines inside a message. */
class FramingTest {

  private final TestBackend backend = new TestBackend();

  @Test
  void aDialogueSentOneByteAtATimeIsUnderstood() {
    try (Dialogue d = new Dialogue(RelaySettings.builder().build(), backend)) {
      d.take();
      String script =
          "EHLO slow\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<x@herald.test>\r\nDATA\r\n"
              + "..dot\r\nbody\r\n.\r\n";
      for (char c : script.toCharArray()) {
        d.send(String.valueOf(c));
      }
      assertThat(d.take())
          .endsWith(
              "354 End data with <CR><LF>.<CR><LF>\r\n250 2.0.0 Message accepted for delivery\r\n");
    }
    assertThat(LimitsAndAbuseTest.body(backend.messages().getFirst().content()))
        .isEqualTo(".dot\r\nbody\r\n");
  }

  @Test
  void messageLinesLongerThanTheCommandLimitArriveIntact() {
    String longLine = ("abcdefghi." + ".".repeat(5)).repeat(400);
    try (Dialogue d = new Dialogue(RelaySettings.builder().maxLineLength(512).build(), backend)) {
      d.take();
      d.line("EHLO c").line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>");
      d.line("DATA").take();
      assertThat(d.send(longLine + "\r\n.\r\n").take()).startsWith("250 2.0.0");
    }
    assertThat(LimitsAndAbuseTest.body(backend.messages().getFirst().content()))
        .isEqualTo(longLine + "\r\n");
  }

  @Test
  void anOverLongAuthResponseCancelsTheExchange() {
    RelaySettings settings =
        RelaySettings.builder().allowPlainAuth(true).maxLineLength(512).build();
    try (Dialogue d = new Dialogue(settings, backend)) {
      d.take();
      d.line("EHLO c").line("AUTH PLAIN").take();
      assertThat(d.line("A".repeat(2000)).take()).isEqualTo("500 5.5.2 Line too long\r\n");
      assertThat(d.line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
    }
    assertThat(backend.calls()).isEmpty();
  }
}
