package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.ManualClock;
import io.herald.relay.RelayLimit;
import io.herald.relay.RelayListener;
import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Password guessing over AUTH: each failure from an address is answered later than the one before
 * (on the event loop's time), repeated failures get a temporary refusal without asking the backend,
 * and the failures are forgotten after the window (on the injected clock).
 */
class AuthFailuresTest {

  private static final String WRONG = "AUTH PLAIN " + DialogueTest.base64("\0alice\0wrong");
  private static final String RIGHT =
      "AUTH PLAIN " + DialogueTest.base64("\0alice\0" + TestBackend.PASSWORD);
  private static final String FAILED = "535 5.7.8 Authentication credentials invalid\r\n";
  private static final String LOCKED =
      "454 4.7.0 Too many failed authentications, try again later\r\n";

  private final TestBackend backend = new TestBackend();
  private final ManualClock clock = new ManualClock(Dialogue.CLOCK.instant());
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final RelayListener listener =
      new RelayListener() {
        @Override
        public void authFailed(InetAddress client) {
          events.add("failed " + client.getHostAddress());
        }

        @Override
        public void limitReached(RelayLimit limit, InetAddress client) {
          events.add(limit + " " + client.getHostAddress());
        }
      };

  private RelayRuntime runtime(RelaySettings.Builder settings) {
    return RelayRuntime.of(
        settings.allowPlainAuth(true).maxErrors(100).build(),
        backend,
        Runnable::run,
        clock,
        Optional.empty(),
        listener);
  }

  private static Dialogue greeted(RelayRuntime runtime) {
    Dialogue dialogue = new Dialogue(runtime);
    dialogue.line("EHLO guesser").take();
    return dialogue;
  }

  @Test
  void eachFailureFromAnAddressIsAnsweredLaterThanTheOneBefore() {
    RelayRuntime runtime = runtime(RelaySettings.builder().authFailureDelay(Duration.ofSeconds(1)));
    try (Dialogue d = greeted(runtime)) {
      assertThat(d.line(WRONG).take()).isEmpty();
      assertThat(d.advance(Duration.ofMillis(999)).take()).isEmpty();
      assertThat(d.advance(Duration.ofMillis(1)).take()).isEqualTo(FAILED);
      assertThat(d.line(WRONG).advance(Duration.ofMillis(1999)).take()).isEmpty();
      assertThat(d.advance(Duration.ofMillis(1)).take()).isEqualTo(FAILED);
    }
    // A new connection from the same address does not start over.
    try (Dialogue d = greeted(runtime)) {
      assertThat(d.line(WRONG).advance(Duration.ofMillis(3999)).take()).isEmpty();
      // Input meanwhile is held and answered in order, after the delayed reply.
      assertThat(d.line("NOOP").take()).isEmpty();
      assertThat(d.advance(Duration.ofMillis(1)).take()).isEqualTo(FAILED + "250 2.0.0 OK\r\n");
      assertThat(d.line(RIGHT).take()).isEqualTo("235 2.7.0 Authentication successful\r\n");
    }
    assertThat(events)
        .containsExactly("failed 192.0.2.10", "failed 192.0.2.10", "failed 192.0.2.10");
  }

  @Test
  void repeatedFailuresAreRefusedWithoutAskingTheBackendUntilTheWindowPasses() {
    RelayRuntime runtime =
        runtime(
            RelaySettings.builder()
                .authFailureDelay(Duration.ZERO)
                .maxAuthFailures(3)
                .authFailureWindow(Duration.ofMinutes(15)));
    try (Dialogue d = greeted(runtime)) {
      assertThat(d.line(WRONG).line(WRONG).line(WRONG).take()).isEqualTo(FAILED.repeat(3));
      assertThat(d.line(RIGHT).take()).isEqualTo(LOCKED);
      clock.advance(Duration.ofMinutes(14));
      assertThat(d.line(RIGHT).take()).isEqualTo(LOCKED);
      clock.advance(Duration.ofMinutes(1));
      assertThat(d.line(RIGHT).take()).isEqualTo("235 2.7.0 Authentication successful\r\n");
    }
    assertThat(backend.calls()).hasSize(4);
    assertThat(events)
        .containsExactly(
            "failed 192.0.2.10",
            "failed 192.0.2.10",
            "failed 192.0.2.10",
            "AUTH_FAILURES 192.0.2.10",
            "AUTH_FAILURES 192.0.2.10");
  }

  @Test
  void attemptsInFlightCountSoParallelConnectionsCannotGuessPastTheLimit() {
    AuthFailures failures =
        new AuthFailures(RelaySettings.builder().maxAuthFailures(3).build(), clock);
    InetAddress client = InetAddress.ofLiteral("198.51.100.4");
    assertThat(failures.tryBegin(client)).isTrue();
    assertThat(failures.tryBegin(client)).isTrue();
    assertThat(failures.tryBegin(client)).isTrue();
    assertThat(failures.tryBegin(client)).as("three guesses in flight").isFalse();
    failures.end(client, false);
    assertThat(failures.tryBegin(client)).isTrue();
    // An IPv6 client counts per /64, since it holds all of them.
    InetAddress v6 = InetAddress.ofLiteral("2001:db8:1:2::1");
    for (int i = 0; i < 3; i++) {
      assertThat(failures.tryBegin(v6)).isTrue();
      failures.end(v6, true);
    }
    assertThat(failures.tryBegin(InetAddress.ofLiteral("2001:db8:1:2:ffff::7"))).isFalse();
    assertThat(failures.tryBegin(InetAddress.ofLiteral("2001:db8:1:3::1"))).isTrue();
  }
}
