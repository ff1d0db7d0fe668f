package io.herald.delivery.smtp;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.herald.delivery.SendOutcome;
import java.time.Clock;
import java.time.Duration;

/**
 * One recipient domain's message rate: a Resilience4j rate limiter at the configured rate (waiting
 * at most {@code maxWait} for a permit), whose limit {@link AdaptiveRate} lowers when the domain
 * throttles and raises again as messages are accepted.
 */
final class DomainThrottle {
  /** No second halving, and no regrowth, this soon after a halving. */
  static final Duration SETTLE = Duration.ofSeconds(30);

  /** The pause between steps of regrowth once settled. */
  static final Duration RECOVERY_STEP = Duration.ofSeconds(10);

  private final RateLimiter limiter;
  private final AdaptiveRate adaptive;

  DomainThrottle(String domain, ThrottleSpec rate, Duration maxWait, Clock clock) {
    ThrottleSpec.Window window = rate.window();
    this.limiter =
        RateLimiter.of(
            "smtp-" + domain,
            RateLimiterConfig.custom()
                .limitForPeriod(window.limit())
                .limitRefreshPeriod(window.refresh())
                .timeoutDuration(maxWait)
                .build());
    this.adaptive = new AdaptiveRate(window.limit(), clock, SETTLE, RECOVERY_STEP);
  }

  /** Waits, within the bound, for a permit to send one message. */
  boolean acquire() {
    return limiter.acquirePermission();
  }

  void after(SendOutcome outcome) {
    switch (outcome) {
      case SendOutcome.Deferred d when d.throttled() -> apply(adaptive.onThrottle());
      case SendOutcome.Delivered d -> apply(adaptive.onSuccess());
      default -> {}
    }
  }

  int currentLimit() {
    return adaptive.limit();
  }

  private void apply(int limit) {
    if (limiter.getRateLimiterConfig().getLimitForPeriod() != limit) {
      limiter.changeLimitForPeriod(limit);
    }
  }
}
