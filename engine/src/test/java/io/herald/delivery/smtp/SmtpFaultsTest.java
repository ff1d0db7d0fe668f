package io.herald.delivery.smtp;

import static io.herald.delivery.smtp.ScriptedSmtpPeer.on;
import static io.herald.delivery.smtp.ScriptedSmtpPeer.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome;
import io.herald.delivery.SendOutcome.BounceKind;
import io.herald.delivery.SendOutcome.Bounced;
import io.herald.delivery.SendOutcome.Deferred;
import io.herald.delivery.SendOutcome.Delivered;
import io.herald.delivery.smtp.ScriptedSmtpPeer.Reply;
import io.herald.delivery.smtp.SmtpSettings.Route;
import io.herald.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** SMTP dialogues that go wrong, each against a scripted peer, and what Herald makes of them. */
class SmtpFaultsTest {
  private static final Duration REPLY_TIMEOUT = Duration.ofMillis(300);
  static final Envelope ENVELOPE = new Envelope("bounce+c1.k9@herald.test", "a@dest.test");

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

  SmtpTransport transportTo(int port, SmtpSettings.Breaker breaker) {
    Route.Smarthost route =
        new Route.Smarthost(
            new HostPort("127.0.0.1", port), TlsMode.NONE, Optional.empty(), false, 2);
    SmtpSettings settings =
        SmtpSettings.smarthost(route)
            .withTimeouts(
                new SmtpSettings.Timeouts(Duration.ofSeconds(2), REPLY_TIMEOUT, REPLY_TIMEOUT))
            .withBreaker(breaker)
            .withLimits(
                new DestinationLimits(2, ThrottleSpec.parse("100/s")),
                Map.of("dest.test", new DestinationLimits(2, ThrottleSpec.parse("200/s"))));
    return new SmtpTransport(settings, registry, clock, new MxCacheTest.ScriptedResolver());
  }

  /** The peer each dialogue runs against; a subclass runs them all with PIPELINING offered. */
  ScriptedSmtpPeer peer(Function<String, Reply> script) throws Exception {
    return new ScriptedSmtpPeer(script);
  }

  private SendOutcome sendThrough(Function<String, Reply> script) throws Exception {
    try (ScriptedSmtpPeer peer = peer(script);
        SmtpTransport transport = transportTo(peer.port(), SmtpSettings.Breaker.DEFAULT)) {
      return transport.send(ENVELOPE, Messages.message("a@dest.test", 1));
    }
  }

  @Test
  void acceptedMessageIsDeliveredWithExactlyTheEnvelopeSender() throws Exception {
    try (ScriptedSmtpPeer peer = peer(line -> null);
        SmtpTransport transport = transportTo(peer.port(), SmtpSettings.Breaker.DEFAULT)) {
      assertThat(transport.send(ENVELOPE, Messages.message("a@dest.test", 1)))
          .isEqualTo(new Delivered("250 2.0.0 queued as 42"));
      assertThat(peer.commands())
          .contains("MAIL FROM:<bounce+c1.k9@herald.test>", "RCPT TO:<a@dest.test>", ".");
    }
  }

  @Test
  void unknownMailboxIsAHardBounceAndTheConnectionIsResetAndReused() throws Exception {
    Function<String, Reply> script =
        line -> line.contains("gone@") ? say("550 5.1.1 no such user") : null;
    try (ScriptedSmtpPeer peer = peer(script);
        SmtpTransport transport = transportTo(peer.port(), SmtpSettings.Breaker.DEFAULT)) {
      assertThat(
              transport.send(
                  new Envelope("b@herald.test", "gone@dest.test"),
                  Messages.message("gone@dest.test", 1)))
          .isEqualTo(new Bounced(BounceKind.HARD, "550 5.1.1 no such user"));
      assertThat(transport.send(ENVELOPE, Messages.message("a@dest.test", 2)))
          .isInstanceOf(Delivered.class);
      assertThat(peer.connections()).isEqualTo(1);
      assertThat(peer.commands()).contains("RSET");
    }
  }

  @Test
  void manySendersOverTwoConnectionsEachGetTheOutcomeOfTheirOwnMessage() throws Exception {
    // Senders beyond the two connections queue; a holder sends their messages for them, so a
    // refusal must reach exactly the sender whose recipient was refused.
    Function<String, Reply> script =
        line -> line.contains("gone") ? say("550 5.1.1 no such user " + line) : null;
    try (ScriptedSmtpPeer peer = peer(script);
        SmtpTransport transport = transportTo(peer.port(), SmtpSettings.Breaker.DEFAULT)) {
      List<Thread> senders = new java.util.ArrayList<>();
      Map<String, SendOutcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
      for (int i = 0; i < 40; i++) {
        String rcpt = (i % 5 == 0 ? "gone" : "ok") + i + "@dest.test";
        senders.add(
            Thread.ofVirtual()
                .start(
                    () ->
                        outcomes.put(
                            rcpt,
                            transport.send(
                                new Envelope("b@herald.test", rcpt), Messages.message(rcpt, 1)))));
      }
      for (Thread t : senders) {
        assertThat(t.join(Duration.ofSeconds(20))).isTrue();
      }
      assertThat(outcomes).hasSize(40);
      outcomes.forEach(
          (rcpt, outcome) -> {
            if (rcpt.startsWith("gone")) {
              assertThat(outcome)
                  .isEqualTo(
                      new Bounced(
                          BounceKind.HARD, "550 5.1.1 no such user RCPT TO:<" + rcpt + ">"));
            } else {
              assertThat(outcome).as(rcpt).isInstanceOf(Delivered.class);
            }
          });
      assertThat(peer.connections()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void throttlingReplyDefersAndHalvesTheDestinationsRate() throws Exception {
    try (ScriptedSmtpPeer peer = peer(on("RCPT", say("421 4.7.0 try later")));
        SmtpTransport transport = transportTo(peer.port(), SmtpSettings.Breaker.DEFAULT)) {
      SendOutcome outcome = transport.send(ENVELOPE, Messages.message("a@dest.test", 1));
      assertThat(outcome)
          .isEqualTo(new Deferred("421 4.7.0 try later", true, Duration.ofMinutes(2)));
      assertThat(transport.currentLimit("dest.test")).isEqualTo(5);
    }
  }

  @Test
  void temporaryFailureAfterContentIsDeferred() throws Exception {
    assertThat(sendThrough(line -> line.equals(".") ? say("451 4.3.0 local error") : null))
        .isEqualTo(new Deferred("451 4.3.0 local error", false, Duration.ZERO));
  }

  @Test
  void policyBlockIsAPolicyBounce() throws Exception {
    assertThat(sendThrough(on("RCPT", say("554 5.7.1 blocked"))))
        .isEqualTo(new Bounced(BounceKind.POLICY, "554 5.7.1 blocked"));
  }

  @Test
  void rejectedSenderIsNotBlamedOnTheRecipient() throws Exception {
    assertThat(sendThrough(on("MAIL", say("553 5.1.8 sender domain does not exist"))))
        .isEqualTo(new Bounced(BounceKind.SOFT, "553 5.1.8 sender domain does not exist"));
  }

  @Test
  void slowReplyIsDeferredWithinTheReplyTimeout() {
    SendOutcome outcome =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> sendThrough(on("RCPT", new Reply.Hang())));
    assertThat(outcome)
        .isInstanceOfSatisfying(Deferred.class, d -> assertThat(d.reason()).contains("timed out"));
  }

  @Test
  void slowReplyAfterContentIsDeferredWithinTheDataTimeout() {
    SendOutcome outcome =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> sendThrough(line -> line.equals(".") ? new Reply.Hang() : null));
    assertThat(outcome)
        .isInstanceOfSatisfying(Deferred.class, d -> assertThat(d.reason()).contains("timed out"));
  }

  @Test
  void connectionDroppedDuringContentIsDeferred() throws Exception {
    assertThat(sendThrough(line -> line.equals(".") ? new Reply.Drop() : null))
        .isInstanceOfSatisfying(
            Deferred.class, d -> assertThat(d.reason()).startsWith("connection failed"));
  }

  @Test
  void busyGreetingIsAThrottle() throws Exception {
    // 421 to EHLO and to the HELO fallback: the server will not talk now.
    Reply busy = say("421 4.7.0 too many connections, try later");
    assertThat(
            sendThrough(line -> line.startsWith("EHLO") || line.startsWith("HELO") ? busy : null))
        .isInstanceOfSatisfying(Deferred.class, d -> assertThat(d.throttled()).isTrue());
  }

  @Test
  void circuitOpensAfterRepeatedRefusalsAndHalfOpensLater() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    SmtpSettings.Breaker breaker = new SmtpSettings.Breaker(3, 3, 50f, Duration.ofSeconds(30));
    try (SmtpTransport transport = transportTo(deadPort, breaker)) {
      for (int i = 0; i < 3; i++) {
        assertThat(transport.send(ENVELOPE, Messages.message("a@dest.test", i)))
            .isInstanceOfSatisfying(
                Deferred.class, d -> assertThat(d.reason()).contains("connection refused"));
      }
      assertThat(transport.send(ENVELOPE, Messages.message("a@dest.test", 4)))
          .isEqualTo(
              new Deferred(
                  "circuit open for 127.0.0.1:" + deadPort + " after repeated connection failures",
                  false,
                  Duration.ofSeconds(30)));
      assertThat(failedConnections()).as("no connection tried while open").isEqualTo(3.0);

      clock.advance(Duration.ofSeconds(31));
      transport.send(ENVELOPE, Messages.message("a@dest.test", 5));
      assertThat(failedConnections()).as("one probe when half-open").isEqualTo(4.0);
    }
  }

  private double failedConnections() {
    return registry.find("herald.smtp.connections").tag("result", "failed").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
