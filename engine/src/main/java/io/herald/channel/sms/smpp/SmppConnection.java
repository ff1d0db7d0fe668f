package io.herald.channel.sms.smpp;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.herald.channel.sms.EncodedSms;
import io.herald.channel.sms.SenderId;
import io.herald.channel.sms.SmsSubmission;
import io.herald.channel.sms.SubmitOutcome;
import io.herald.config.SmscConfig;
import io.herald.delivery.smtp.AdaptiveRate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMSC connection: a jSMPP session bound as a transceiver and kept bound by a {@link
 * SessionKeeper} (reconnecting with exponential backoff and jitter), a window of outstanding {@code
 * submit_sm} (a semaphore) and a rate of {@code submit_sm} per second (each part counts) that
 * {@link AdaptiveRate} halves on the SMSC's throttling answers and lets grow back slowly. No caller
 * waits longer than the response timeout for the window, the rate or the answer; every failure
 * comes back as a {@link SubmitOutcome}.
 */
final class SmppConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmppConnection.class);

  /** No second halving, and no regrowth, this soon after a halving (as for email). */
  static final Duration SETTLE = Duration.ofSeconds(30);

  /** The pause between steps of regrowth once settled. */
  static final Duration RECOVERY_STEP = Duration.ofSeconds(10);

  private final SmscConfig config;
  private final Optional<String> validity;
  private final SmppMetrics metrics;
  private final SessionKeeper keeper;
  private final Semaphore window;
  private final RateLimiter limiter;
  private final AdaptiveRate adaptive;

  SmppConnection(
      SmscConfig config,
      Optional<Duration> validity,
      MessageReceiverListener inbound,
      SmppMetrics metrics,
      Clock clock,
      RandomGenerator random) {
    this.config = config;
    this.validity = validity.map(SmppConnection::relativeTime);
    this.metrics = metrics;
    this.keeper = new SessionKeeper(config, inbound, metrics, random);
    this.window = new Semaphore(config.window(), true);
    this.limiter =
        RateLimiter.of(
            "smpp-" + config.name(),
            RateLimiterConfig.custom()
                .limitForPeriod(config.submitsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(config.responseTimeout())
                .build());
    this.adaptive = new AdaptiveRate(config.submitsPerSecond(), clock, SETTLE, RECOVERY_STEP);
    metrics.gauges(config.name(), this::windowInUse, adaptive::limit, () -> isBound() ? 1 : 0);
  }

  /** Starts binding (and keeping bound) in the background. */
  void start() {
    keeper.start();
  }

  String name() {
    return config.name();
  }

  boolean isBound() {
    return keeper.bound() != null;
  }

  int windowInUse() {
    return config.window() - window.availablePermits();
  }

  /** How full the window is, 0 to 1: the gateway sends through the least loaded connection. */
  double load() {
    return (double) windowInUse() / config.window();
  }

  int rateLimit() {
    return adaptive.limit();
  }

  /** Why the last bind failed or the connection was lost, "" when it never was. */
  String lastError() {
    return keeper.lastError();
  }

  /** Submits every part of the SMS, in order, on this connection. */
  SubmitOutcome submit(SmsSubmission sms) {
    SMPPSession s = keeper.bound();
    if (s == null) {
      return notBound();
    }
    List<String> ids = new ArrayList<>();
    for (EncodedSms.Part part : sms.body().parts()) {
      Optional<SubmitOutcome> failed = submitPart(s, sms, part, ids);
      if (failed.isPresent()) {
        return failed.get(); // parts already accepted may be sent again by the retry
      }
    }
    return new SubmitOutcome.Accepted(ids);
  }

  private Optional<SubmitOutcome> submitPart(
      SMPPSession s, SmsSubmission sms, EncodedSms.Part part, List<String> ids) {
    try {
      if (!window.tryAcquire(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        metrics.submit(config.name(), "window_full");
        return deferred("its window of " + config.window() + " stayed full", false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return deferred("the sender was interrupted", false);
    }
    try {
      if (!limiter.acquirePermission()) {
        metrics.submit(config.name(), "rate_wait");
        return deferred("its rate of " + adaptive.limit() + "/s had no room", false);
      }
      String id = send(s, sms, part);
      ids.add(config.decimalReceiptIds() ? MessageIds.fromHex(id) : id);
      apply(adaptive.onSuccess());
      metrics.submit(config.name(), "accepted");
      return Optional.empty();
    } catch (NegativeResponseException e) {
      return Optional.of(answered(e.getCommandStatus()));
    } catch (ResponseTimeoutException e) {
      // The SMSC may still have taken it: a retry may duplicate, never lose, the SMS.
      metrics.submit(config.name(), "timeout");
      return deferred("no submit_sm_resp within " + config.responseTimeout(), false);
    } catch (PDUException e) {
      metrics.submit(config.name(), "refused");
      return Optional.of(
          new SubmitOutcome.Refused(0x45, "the SMS cannot be put in a PDU: " + e.getMessage()));
    } catch (IOException | InvalidResponseException | RuntimeException e) {
      metrics.submit(config.name(), "failed");
      keeper.failed("submit failed: " + e.getMessage());
      return deferred("the connection failed (" + e.getMessage() + ")", false);
    } finally {
      window.release();
    }
  }

  private String send(SMPPSession s, SmsSubmission sms, EncodedSms.Part part)
      throws PDUException,
          ResponseTimeoutException,
          InvalidResponseException,
          NegativeResponseException,
          IOException {
    SenderId from = sms.from();
    boolean alphanumeric = from.kind() == SenderId.Kind.ALPHANUMERIC;
    return s.submitShortMessage(
            "",
            alphanumeric ? TypeOfNumber.ALPHANUMERIC : TypeOfNumber.INTERNATIONAL,
            alphanumeric ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN,
            alphanumeric ? from.value() : digits(from.value()),
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            digits(sms.to()),
            new ESMClass(part.udh() ? 0x40 : 0x00),
            (byte) 0,
            (byte) 0,
            null,
            validity.orElse(null),
            new RegisteredDelivery(sms.wantReceipt() ? 1 : 0),
            (byte) 0,
            DataCodings.newInstance(sms.body().alphabet().dataCoding()),
            (byte) 0,
            part.shortMessage())
        .getMessageId();
  }

  private SubmitOutcome answered(int commandStatus) {
    SubmitOutcome outcome = SubmitStatus.outcome(commandStatus);
    switch (outcome) {
      case SubmitOutcome.Deferred d when d.throttled() -> {
        int now = adaptive.onThrottle();
        apply(now);
        metrics.submit(config.name(), "throttled");
        log.info(
            "SMSC {} answered {}: {} submits/s now",
            config.name(),
            SubmitStatus.describe(commandStatus),
            now);
      }
      case SubmitOutcome.Deferred d -> metrics.submit(config.name(), "deferred");
      default -> metrics.submit(config.name(), "refused");
    }
    return outcome;
  }

  private void apply(int limit) {
    if (limiter.getRateLimiterConfig().getLimitForPeriod() != limit) {
      limiter.changeLimitForPeriod(limit);
    }
  }

  private Optional<SubmitOutcome> deferred(String why, boolean throttled) {
    return Optional.of(
        new SubmitOutcome.Deferred(
            "SMSC " + config.name() + ": " + why, throttled, SubmitStatus.THROTTLED_RETRY));
  }

  SubmitOutcome.Deferred notBound() {
    return new SubmitOutcome.Deferred(
        "SMSC " + config.name() + " is not bound", false, config.reconnectMinBackoff());
  }

  private static String digits(String number) {
    return number.startsWith("+") ? number.substring(1) : number;
  }

  /**
   * SMPP relative time ({@code YYMMDDhhmmss000R}): months of 30 days, so a validity of up to years
   * fits the two-digit fields.
   */
  static String relativeTime(Duration d) {
    long seconds = d.toSeconds();
    long days = seconds / 86_400;
    return String.format(
        "%02d%02d%02d%02d%02d%02d000R",
        Math.min(99, days / 365),
        (days % 365) / 30,
        (days % 365) % 30,
        (seconds % 86_400) / 3600,
        (seconds % 3600) / 60,
        seconds % 60);
  }

  @Override
  public void close() {
    keeper.close();
  }
}
