package io.herald.channel.sms.smpp;

import io.herald.channel.sms.SmsGateway;
import io.herald.channel.sms.SmsInbound;
import io.herald.channel.sms.SmsSubmission;
import io.herald.channel.sms.SubmitOutcome;
import io.herald.config.SmsConfig;
import io.herald.config.SmscConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's {@link SmsGateway} over SMPP 3.4 (jSMPP): one {@link SmppConnection} per configured
 * SMSC, each bound as a transceiver and kept bound in the background from construction on. An SMS
 * goes whole (every part, in order) through the least loaded bound connection; with none bound it
 * is deferred. Receipts and replies from every connection reach the {@link SmsInbound} given here,
 * on jSMPP's threads, as soon as they arrive (a receipt may come before its {@code
 * submit_sm_resp}).
 */
public final class SmppGateway implements SmsGateway {
  private static final Logger log = LoggerFactory.getLogger(SmppGateway.class);

  /** What one connection is doing, for status pages, logs and tests. */
  public record ConnectionStatus(
      String name, boolean bound, int windowInUse, int rateLimit, String lastError) {}

  private final List<SmppConnection> connections;

  /**
   * Starts binding every connection of {@code config.smsc()} in the background.
   *
   * @param config the {@code sms} section: its connections and the validity period
   * @param inbound where receipts and replies go
   * @param registry where the gateway's meters go ({@code herald_sms_*})
   * @param clock the clock receipts and replies are stamped with, and that paces the rate's
   *     recovery after throttling
   * @param random the jitter of reconnect backoffs
   */
  public SmppGateway(
      SmsConfig config,
      SmsInbound inbound,
      MeterRegistry registry,
      Clock clock,
      RandomGenerator random) {
    SmppMetrics metrics = new SmppMetrics(registry);
    this.connections =
        config.smsc().stream()
            .map(smsc -> connection(smsc, config.validity(), inbound, metrics, clock, random))
            .toList();
    connections.forEach(SmppConnection::start);
  }

  private static SmppConnection connection(
      SmscConfig smsc,
      Optional<Duration> validity,
      SmsInbound inbound,
      SmppMetrics metrics,
      Clock clock,
      RandomGenerator random) {
    InboundListener listener = new InboundListener(smsc.name(), inbound, metrics, clock);
    return new SmppConnection(smsc, validity, listener, metrics, clock, random);
  }

  @Override
  public SubmitOutcome submit(SmsSubmission submission) {
    try {
      return connections.stream()
          .filter(SmppConnection::isBound)
          .min(Comparator.comparingDouble(SmppConnection::load))
          .map(c -> c.submit(submission))
          .orElseGet(this::noneBound);
    } catch (RuntimeException e) {
      log.warn("SMS to {} could not be submitted", submission.to(), e);
      return new SubmitOutcome.Deferred(
          "submit failed: " + e.getMessage(), false, SubmitStatus.TEMPORARY_RETRY);
    }
  }

  private SubmitOutcome noneBound() {
    return connections.isEmpty()
        ? new SubmitOutcome.Deferred(
            "no SMSC connection is configured (sms.smsc)", false, SubmitStatus.TEMPORARY_RETRY)
        : new SubmitOutcome.Deferred(
            "no SMSC connection is bound",
            false,
            connections.getFirst().notBound().retryNoSoonerThan());
  }

  /** Every connection's state, in configuration order. */
  public List<ConnectionStatus> status() {
    return connections.stream()
        .map(
            c ->
                new ConnectionStatus(
                    c.name(), c.isBound(), c.windowInUse(), c.rateLimit(), c.lastError()))
        .toList();
  }

  /** Unbinds and closes every connection; submits after this are deferred. */
  @Override
  public void close() {
    connections.forEach(SmppConnection::close);
  }
}
