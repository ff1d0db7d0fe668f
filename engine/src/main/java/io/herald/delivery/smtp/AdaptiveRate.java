package io.herald.delivery.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One destination's current share of its configured rate, adjusted AIMD-style: a throttling reply
 * halves it (at most once per {@code settle}, so a burst of 421s from parallel connections counts
 * once), and after {@code settle} without throttling each success at least {@code recoveryStep}
 * after the last change adds a tenth of the configured limit back, up to the configured limit. Pure
 * apart from the injected clock; callers apply {@link #limit()} to their rate limiter.
 */
public final class AdaptiveRate {
  private final int ceiling;
  private final int increment;
  private final Clock clock;
  private final Duration settle;
  private final Duration recoveryStep;
  private int limit;
  private Instant lastDecrease = Instant.MIN;
  private Instant lastChange = Instant.MIN;

  public AdaptiveRate(int ceiling, Clock clock, Duration settle, Duration recoveryStep) {
    if (ceiling < 1) {
      throw new IllegalArgumentException("ceiling must be at least 1");
    }
    this.ceiling = ceiling;
    this.increment = Math.max(1, ceiling / 10);
    this.clock = clock;
    this.settle = settle;
    this.recoveryStep = recoveryStep;
    this.limit = ceiling;
  }

  /** The permits per window the destination gets now. */
  public synchronized int limit() {
    return limit;
  }

  /**
   * The destination asked to slow down: halve, unless it was just halved. Returns the new limit.
   */
  public synchronized int onThrottle() {
    Instant now = clock.instant();
    if (lastDecrease.equals(Instant.MIN) || !now.isBefore(lastDecrease.plus(settle))) {
      limit = Math.max(1, limit / 2);
      lastDecrease = now;
      lastChange = now;
    }
    return limit;
  }

  /** A message was accepted: grow back one step if the last change is old enough. */
  public synchronized int onSuccess() {
    if (limit >= ceiling) {
      return limit;
    }
    Instant now = clock.instant();
    boolean settled = !now.isBefore(lastDecrease.plus(settle));
    boolean stepDue = !now.isBefore(lastChange.plus(recoveryStep));
    if (settled && stepDue) {
      limit = Math.min(ceiling, limit + increment);
      lastChange = now;
    }
    return limit;
  }
}
