package io.herald.delivery.smtp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.herald.delivery.EmailTransport;
import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome;
import io.herald.delivery.SendOutcome.BounceKind;
import io.herald.delivery.SendOutcome.Bounced;
import io.herald.delivery.SendOutcome.Deferred;
import io.herald.delivery.smtp.MxResolver.MxAnswer;
import io.herald.delivery.smtp.SmtpSettings.Route;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Herald's {@link EmailTransport} over SMTP (Jakarta Mail), to a smarthost or straight to each
 * recipient domain's MX. A send passes, in order: the route's circuit breaker (open after repeated
 * connection failures: deferred at once), the recipient domain's rate limiter (a bounded wait,
 * slowed by the domain's own throttling replies), and the route's connection pool (a bounded number
 * of reused sessions); the reply is then classified by {@link ReplyClassifier}. Safe for any number
 * of concurrent (virtual) threads; every wait is bounded and every failure is an outcome.
 */
public final class SmtpTransport implements EmailTransport {
  /** How often waits for a connection are checked against their limit. */
  private static final long WAIT_SWEEP_MILLIS = 100;

  private final SmtpSettings settings;
  private final Clock clock;
  private final MxCache mx;
  private final SmtpMetrics metrics;
  private final SmtpConnector connector;
  private final ScheduledExecutorService timer;
  private final ConcurrentMap<String, RouteState> routes = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, DomainThrottle> throttles = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Production wiring: the system clock and DNS through dnsjava. */
  public SmtpTransport(SmtpSettings settings, MeterRegistry registry) {
    this(settings, registry, Clock.systemUTC(), new DnsjavaMxResolver(Duration.ofSeconds(5)));
  }

  public SmtpTransport(
      SmtpSettings settings, MeterRegistry registry, Clock clock, MxResolver resolver) {
    this.settings = settings;
    this.clock = clock;
    this.mx = new MxCache(resolver, clock, Duration.ofMinutes(1), Duration.ofHours(6), 100_000);
    this.metrics = new SmtpMetrics(registry);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("herald-smtp-timer").factory());
    this.connector =
        new SmtpConnector(settings, timer, new ReplyClassifier(settings.throttleBackoff()), clock);
    long sweep = Math.max(1000, settings.idleTimeout().toMillis() / 2);
    timer.scheduleWithFixedDelay(this::closeIdle, sweep, sweep, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        this::expireWaits, WAIT_SWEEP_MILLIS, WAIT_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public SendOutcome send(Envelope envelope, byte[] rfc822) {
    String domain = "unknown";
    SendOutcome outcome;
    try {
      domain = envelope.recipientDomain();
      outcome =
          closed
              ? new Deferred("SMTP transport is closed", false, Duration.ZERO)
              : deliver(domain, envelope, rfc822);
    } catch (RuntimeException e) {
      outcome = new Deferred("internal error: " + e, false, Duration.ZERO);
    }
    metrics.outcome(domain, outcome);
    return outcome;
  }

  private SendOutcome deliver(String domain, Envelope envelope, byte[] rfc822) {
    Servers servers;
    switch (route(domain)) {
      case Unroutable u -> {
        return u.outcome();
      }
      case Servers s -> servers = s;
    }
    RouteState route = routes.computeIfAbsent(servers.key(), k -> newRoute(k, servers));
    DomainThrottle throttle =
        throttles.computeIfAbsent(
            domain,
            d ->
                new DomainThrottle(d, settings.limitsFor(d).rate(), settings.maxRateWait(), clock));
    CircuitBreaker breaker = route.breaker();
    if (!breaker.tryAcquirePermission()) {
      return new Deferred(
          "circuit open for " + servers.key() + " after repeated connection failures",
          false,
          settings.breaker().openFor());
    }
    if (!throttle.acquire()) {
      breaker.releasePermission();
      return new Deferred(
          "rate limit for " + domain + ": no permit within " + settings.maxRateWait(),
          false,
          settings.maxRateWait());
    }
    long start = System.nanoTime();
    Attempt attempt;
    try {
      attempt = route.pool().send(servers.servers(), envelope, rfc822);
    } catch (RuntimeException e) {
      breaker.releasePermission();
      throw e;
    }
    record(breaker, attempt, System.nanoTime() - start);
    throttle.after(attempt.outcome());
    return attempt.outcome();
  }

  private static void record(CircuitBreaker breaker, Attempt attempt, long nanos) {
    switch (attempt.kind()) {
      case REPLY -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case CONNECTION_FAILURE ->
          breaker.onError(nanos, TimeUnit.NANOSECONDS, new IOException(reason(attempt)));
      case LOCAL -> breaker.releasePermission();
    }
  }

  private static String reason(Attempt attempt) {
    return attempt.outcome() instanceof Deferred d ? d.reason() : attempt.outcome().toString();
  }

  /** Where a domain's mail goes now; every answer that rules out sending is an outcome. */
  private Choice route(String domain) {
    return switch (settings.route()) {
      case Route.Smarthost s ->
          new Servers(s.server().toString(), List.of(s.server()), s.maxConnections());
      case Route.DirectMx direct -> {
        int max = settings.limitsFor(domain).maxConnections();
        HostPort override = direct.overrides().get(domain);
        yield override != null ? new Servers(domain, List.of(override), max) : viaDns(domain, max);
      }
    };
  }

  private Choice viaDns(String domain, int maxConnections) {
    return switch (mx.resolve(domain)) {
      case MxAnswer.Hosts h -> new Servers(domain, h.hosts(), maxConnections);
      case MxAnswer.NoSuchDomain n ->
          new Unroutable(
              new Bounced(BounceKind.HARD, "550 5.1.2 domain " + domain + " does not exist"));
      case MxAnswer.NullMx n ->
          new Unroutable(
              new Bounced(BounceKind.HARD, "556 5.1.10 domain " + domain + " accepts no mail"));
      case MxAnswer.TemporaryFailure f ->
          new Unroutable(new Deferred(f.reason(), false, Duration.ZERO));
    };
  }

  private RouteState newRoute(String key, Servers servers) {
    SmtpSettings.Breaker b = settings.breaker();
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(b.window())
            .minimumNumberOfCalls(b.minimumCalls())
            .failureRateThreshold(b.failureRatePercent())
            .waitDurationInOpenState(b.openFor())
            .permittedNumberOfCallsInHalfOpenState(1)
            .writableStackTraceEnabled(false)
            .clock(clock)
            .build();
    ConnectionPool pool =
        new ConnectionPool(
            key,
            servers.maxConnections(),
            settings.maxConnectionWait(),
            connector,
            metrics,
            clock,
            settings.idleTimeout());
    return new RouteState(pool, CircuitBreaker.of("smtp-" + key, config));
  }

  /** Turns away senders that waited too long for a connection (run on the timer). */
  private void expireWaits() {
    long now = System.nanoTime();
    routes.values().forEach(r -> r.pool().expireWaits(now));
  }

  /** Closes pooled sessions idle longer than the idle timeout (also run on a timer). */
  void closeIdle() {
    routes.values().forEach(r -> r.pool().evictIdle());
  }

  /** The current rate-limiter window limit of a domain, or -1 before its first message. */
  int currentLimit(String domain) {
    DomainThrottle t = throttles.get(domain);
    return t == null ? -1 : t.currentLimit();
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    routes.values().forEach(r -> r.pool().close());
  }

  private record RouteState(ConnectionPool pool, CircuitBreaker breaker) {}

  private sealed interface Choice {}

  private record Servers(String key, List<HostPort> servers, int maxConnections)
      implements Choice {}

  private record Unroutable(SendOutcome outcome) implements Choice {}
}
