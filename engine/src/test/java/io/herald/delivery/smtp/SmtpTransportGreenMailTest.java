package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome;
import io.herald.delivery.smtp.MxResolver.MxAnswer;
import io.herald.delivery.smtp.SmtpSettings.Route;
import io.herald.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpTransportGreenMailTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final MxCacheTest.ScriptedResolver dns = new MxCacheTest.ScriptedResolver();

  private int sinkPort() {
    return greenMail.getSmtp().getPort();
  }

  private SmtpTransport smarthost(int maxConnections) {
    Route.Smarthost route =
        new Route.Smarthost(
            new HostPort("127.0.0.1", sinkPort()),
            TlsMode.NONE,
            java.util.Optional.empty(),
            false,
            maxConnections);
    return new SmtpTransport(SmtpSettings.smarthost(route), registry, clock, dns);
  }

  @Test
  void fiftyMessagesFromManyThreadsArriveIntactOverAFewPooledConnections() throws Exception {
    List<Future<SendOutcome>> sends = new ArrayList<>();
    try (SmtpTransport transport = smarthost(3);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        int n = i;
        String to = "user" + n + "@example.test";
        sends.add(
            threads.submit(
                () ->
                    transport.send(
                        new Envelope("bounce+" + n + "@herald.test", to),
                        Messages.message(to, n))));
      }
      for (Future<SendOutcome> f : sends) {
        assertThat(f.get()).isInstanceOf(SendOutcome.Delivered.class);
      }
    }
    assertThat(greenMail.waitForIncomingEmail(5000, 50)).isTrue();
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(50);
    for (MimeMessage m : received) {
      String n = m.getHeader("Message-ID")[0].replaceAll("\\D", "");
      assertThat(m.getHeader("Return-Path")[0]).isEqualTo("<bounce+" + n + "@herald.test>");
      assertThat(m.getSubject()).isEqualTo("Offer " + n);
      assertThat(m.getHeader("X-Herald-Check")[0]).isEqualTo("kept as sent");
      // GreenMail keeps the final CRLF as part of the terminator; the dot-stuffing round trip
      // counts.
      assertThat(body(m)).startsWith("Hello " + n + "\r\n.a line that starts with a dot");
    }
    assertThat(opened()).isBetween(1.0, 3.0);
    assertThat(outcomes("delivered")).isEqualTo(50.0);
  }

  @Test
  void deliveredCarriesTheServersReply() {
    try (SmtpTransport transport = smarthost(1)) {
      SendOutcome outcome =
          transport.send(
              new Envelope("b@herald.test", "a@example.test"),
              Messages.message("a@example.test", 1));
      assertThat(outcome)
          .isInstanceOfSatisfying(
              SendOutcome.Delivered.class, d -> assertThat(d.reply()).startsWith("250"));
    }
  }

  @Test
  void idleConnectionsAreReusedThenClosedAfterTheIdleTimeout() {
    try (SmtpTransport transport = smarthost(1)) {
      Envelope envelope = new Envelope("b@herald.test", "a@example.test");
      transport.send(envelope, Messages.message("a@example.test", 1));
      clock.advance(Duration.ofSeconds(5));
      transport.closeIdle();
      transport.send(envelope, Messages.message("a@example.test", 2));
      assertThat(opened()).as("reused after a NOOP probe").isEqualTo(1.0);
      clock.advance(Duration.ofSeconds(61));
      transport.closeIdle();
      assertThat(transport.send(envelope, Messages.message("a@example.test", 3)))
          .isInstanceOf(SendOutcome.Delivered.class);
      assertThat(opened()).isEqualTo(2.0);
    }
  }

  @Test
  void mxModeDeliversThroughTheOverrideMap() {
    SmtpSettings settings =
        SmtpSettings.directMx(Map.of("Example.TEST", new HostPort("127.0.0.1", sinkPort())));
    try (SmtpTransport transport = new SmtpTransport(settings, registry, clock, dns)) {
      SendOutcome outcome =
          transport.send(
              new Envelope("b@herald.test", "someone@example.test"),
              Messages.message("someone@example.test", 7));
      assertThat(outcome).isInstanceOf(SendOutcome.Delivered.class);
    }
    assertThat(dns.asked).as("overrides never ask DNS").isEmpty();
    assertThat(greenMail.getReceivedMessagesForDomain("example.test")).hasSize(1);
  }

  @Test
  void mxModeFollowsDnsAnswers() {
    dns.next(
        new MxAnswer.Hosts(List.of(new HostPort("127.0.0.1", sinkPort())), Duration.ofMinutes(5)));
    dns.next(new MxAnswer.NullMx(Duration.ofMinutes(5)));
    dns.next(new MxAnswer.NoSuchDomain(Duration.ofMinutes(5)));
    dns.next(new MxAnswer.TemporaryFailure("SERVFAIL"));
    try (SmtpTransport transport =
        new SmtpTransport(SmtpSettings.directMx(Map.of()), registry, clock, dns)) {
      assertThat(send(transport, "a@real.test")).isInstanceOf(SendOutcome.Delivered.class);
      assertThat(send(transport, "a@real.test")).isInstanceOf(SendOutcome.Delivered.class);
      assertThat(send(transport, "a@nomail.test"))
          .isEqualTo(
              new SendOutcome.Bounced(
                  SendOutcome.BounceKind.HARD, "556 5.1.10 domain nomail.test accepts no mail"));
      assertThat(send(transport, "a@gone.test"))
          .isInstanceOfSatisfying(
              SendOutcome.Bounced.class,
              b -> assertThat(b.kind()).isEqualTo(SendOutcome.BounceKind.HARD));
      assertThat(send(transport, "a@flaky.test")).isInstanceOf(SendOutcome.Deferred.class);
    }
    assertThat(dns.asked).containsExactly("real.test", "nomail.test", "gone.test", "flaky.test");
  }

  private static SendOutcome send(SmtpTransport transport, String to) {
    return transport.send(new Envelope("b@herald.test", to), Messages.message(to, 9));
  }

  private double opened() {
    return registry.find("herald.smtp.connections").tag("result", "opened").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double outcomes(String outcome) {
    return registry.find("herald.smtp.outcomes").tag("outcome", outcome).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static String body(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.getDataHandler().writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
