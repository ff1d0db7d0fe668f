package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold a connection by sending slowly (each byte would reset an idle timer) or by
 * never leaving: the minimum data rate and the session time limit, on the event loop's time.
 */
class SlowClientTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final String TOO_SLOW = "421 4.4.2 Data rate too low, closing connection\r\n";
  private static final String TOO_LONG =
      "421 4.4.2 Session time limit reached, closing connection\r\n";

  private final TestBackend backend = new TestBackend();

  /** 10 bytes a second over 5-second intervals: at least 50 bytes per interval. */
  private Dialogue greeted() {
    RelaySettings settings =
        RelaySettings.builder()
            .minDataRate(10)
            .dataRateInterval(Duration.ofSeconds(5))
            .maxSessionTime(Duration.ofMinutes(10))
            .build();
    Dialogue dialogue = new Dialogue(settings, backend);
    dialogue.line("EHLO client").take();
    return dialogue;
  }

  /** Sends the text one byte a second, as long as the connection stays open. */
  private static String trickle(Dialogue d, String text) {
    StringBuilder replies = new StringBuilder();
    for (int i = 0; i < text.length() && d.open(); i++) {
      replies.append(d.send(text.substring(i, i + 1)).advance(SECOND).take());
    }
    return replies.toString();
  }

  @Test
  void aCommandSentOneByteASecondIsCut() {
    try (Dialogue d = greeted()) {
      String replies = trickle(d, "MAIL FROM:<someone-with-a-long-address@example.org>\r\n");
      assertThat(replies).isEqualTo(TOO_SLOW);
      assertThat(d.open()).isFalse();
    }
    assertThat(backend.calls()).isEmpty();
  }

  @Test
  void aMessageSentOneByteASecondIsCutAndNotAccepted() {
    try (Dialogue d = greeted()) {
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      assertThat(trickle(d, "Subject: slow\r\n\r\n" + "x".repeat(100) + "\r\n.\r\n"))
          .isEqualTo(TOO_SLOW);
      assertThat(d.open()).isFalse();
    }
    assertThat(backend.messages()).isEmpty();
  }

  @Test
  void aClientBetweenCommandsIsLeftToTheIdleTimeout() {
    try (Dialogue d = greeted()) {
      // Quiet while waiting for the next command is not slow: a pooled connection does that.
      for (int i = 0; i < 30; i++) {
        assertThat(d.advance(SECOND).line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
      }
      d.line("MAIL FROM:<a@example.org>").line("RCPT TO:<x@herald.test>").line("DATA").take();
      for (int i = 0; i < 30; i++) {
        assertThat(d.advance(SECOND).line("x".repeat(60)).take()).isEmpty();
      }
      assertThat(d.line(".").take()).startsWith("250 2.0.0");
    }
  }

  @Test
  void aSessionEndsAtItsTimeLimitHoweverBusyTheClientIs() {
    try (Dialogue d = greeted()) {
      for (int i = 0; i < 599; i++) {
        assertThat(d.advance(SECOND).line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
      }
      assertThat(d.advance(SECOND).take()).isEqualTo(TOO_LONG);
      assertThat(d.open()).isFalse();
    }
  }
}
