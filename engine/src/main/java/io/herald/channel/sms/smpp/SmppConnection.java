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
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SSLSocketConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMSC connection: a jSMPP session bound as a transceiver and kept bound by a virtual thread
 * (reconnecting with exponential backoff and jitter after an unbind, a close or an I/O error), a
 * window of outstanding {@code submit_sm} (a semaphore) and a rate of {@code submit_sm} per second
 * (each part counts) that {@link AdaptiveRate} halves on the SMSC's throttling answers and lets
 * grow back slowly. No caller waits longer than the response timeout for the window, the rate or
 * the answer; every failure comes back as a {@link SubmitOutcome}.
 */
final class SmppConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmppConnection.class);

  /** No second halving, and no regrowth, this soon after a halving (as for email). */
  static final Duration SETTLE = Duration.ofSeconds(30);

  /** The pause between steps of regrowth once settled. */
  static final Duration RECOVERY_STEP = Duration.ofSeconds(10);

  private final SmscConfig config;
  private final Optional<String> validity;
  private final MessageReceiverListener inbound;
  private final SmppMetrics metrics;
  private final RandomGenerator random;
  private final Semaphore window;
  private final RateLimiter limiter;
  private final AdaptiveRate adaptive;
  private final Object lifecycle = new Object();
  private volatile SMPPSession session; // null while not bound
  private volatile String lastError = "";
  private volatile boolean closed;
  private Thread keeper;

  SmppConnection(
      SmscConfig config,
      Optional<Duration> validity,
      MessageReceiverListener inbound,
      SmppMetrics metrics,
      Clock clock,
      RandomGenerator random) {
    this.config = config;
    this.validity = validity.map(SmppConnection::relativeTime);
    this.inbound = inbound;
    this.metrics = metrics;
    this.random = random;
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
    synchronized (lifecycle) {
      if (keeper == null && !closed) {
        keeper = Thread.ofVirtual().name("smpp-" + config.name()).start(this::keepBound);
      }
    }
  }

  String name() {
    return config.name();
  }

  boolean isBound() {
    SMPPSession s = session;
    return s != null && s.getSessionState().isBound();
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
    return lastError;
  }

  /** Submits every part of the SMS, in order, on this connection. */
  SubmitOutcome submit(SmsSubmission sms) {
    SMPPSession s = session;
    if (s == null || !s.getSessionState().isBound()) {
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
      ids.add(send(s, sms, part));
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
      lastError = "submit failed: " + e.getMessage();
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

  /** The keeper's loop: bind, wait until the session is lost, back off, bind again. */
  private void keepBound() {
    Duration backoff = config.reconnectMinBackoff();
    while (!closed) {
      try {
        if (bindAndWait()) {
          backoff = config.reconnectMinBackoff(); // it was bound: start again from the minimum
        }
        if (closed) {
          return;
        }
        Duration wait = jitter(backoff);
        log.info("SMSC {}: binding again in {} ms", config.name(), wait.toMillis());
        Thread.sleep(wait);
        backoff = min(backoff.multipliedBy(2), config.reconnectMaxBackoff());
      } catch (InterruptedException e) {
        return; // closed
      }
    }
  }

  /** One session's life; true when it was bound before it ended. */
  private boolean bindAndWait() throws InterruptedException {
    SMPPSession s = newSession();
    java.util.concurrent.CountDownLatch lost = new java.util.concurrent.CountDownLatch(1);
    s.addSessionStateListener(
        (now, before, source) -> {
          if (!now.isNotClosed() || (before.isBound() && !now.isBound())) {
            lost.countDown();
          }
        });
    try {
      s.connectAndBind(
          config.host(), config.port(), bindParameter(), config.bindTimeout().toMillis());
    } catch (IOException e) {
      s.close();
      lastError = "bind failed: " + bindFailure(e);
      metrics.reconnect(config.name(), false);
      log.warn(
          "SMSC {} ({}:{}, systemId {}): bind failed: {}",
          config.name(),
          config.host(),
          config.port(),
          config.systemId(),
          bindFailure(e));
      return false;
    }
    synchronized (lifecycle) {
      if (closed) {
        s.unbindAndClose();
        return true;
      }
      session = s;
    }
    metrics.reconnect(config.name(), true);
    log.info("SMSC {} ({}:{}) bound as transceiver", config.name(), config.host(), config.port());
    try {
      lost.await();
    } finally {
      session = null;
      s.close();
    }
    if (!closed) {
      lastError = "connection lost";
      log.warn("SMSC {} ({}:{}): connection lost", config.name(), config.host(), config.port());
    }
    return true;
  }

  private SMPPSession newSession() {
    SMPPSession s =
        new SMPPSession(
            config.tls()
                ? new SSLSocketConnectionFactory()
                : SocketConnectionFactory.getInstance());
    s.setEnquireLinkTimer((int) config.enquireLinkEvery().toMillis());
    s.setTransactionTimer(config.responseTimeout().toMillis());
    s.setQueueCapacity(Math.max(100, config.window() * 4));
    s.setMessageReceiverListener(inbound);
    return s;
  }

  private BindParameter bindParameter() {
    return new BindParameter(
        BindType.BIND_TRX,
        config.systemId(),
        config.password(),
        config.systemType(),
        TypeOfNumber.UNKNOWN,
        NumberingPlanIndicator.UNKNOWN,
        null);
  }

  /** The bind's failure in words: the SMSC's status by name when it answered one. */
  private static String bindFailure(IOException e) {
    if (e.getCause() instanceof NegativeResponseException refused) {
      String hint =
          switch (refused.getCommandStatus()) {
            case 0x0E, 0x0F -> "; check the connection's systemId and password";
            default -> "";
          };
      return "the SMSC refused it with " + SubmitStatus.describe(refused.getCommandStatus()) + hint;
    }
    return e.getMessage();
  }

  /** Up to 20% off or on, so that connections cut at once do not all come back at once. */
  private Duration jitter(Duration base) {
    double factor = 0.8 + 0.4 * random.nextDouble();
    return Duration.ofMillis(Math.max(1, (long) (base.toMillis() * factor)));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
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
    Thread k;
    synchronized (lifecycle) {
      closed = true;
      k = keeper;
    }
    SMPPSession s = session;
    if (s != null) {
      s.unbindAndClose();
    }
    if (k != null) {
      k.interrupt();
    }
  }
}
