package io.herald.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's plan as stored (R9): {@code free}, or a package bought for a 30-day period from
 * {@code start}, with the package's allowance and price as they were when it was bought (a package
 * changed or removed in configuration later does not change a period already paid for), the
 * messages an upgrade carried over into this period, and the plan it changes to when the period
 * ends ({@code next}: a downgrade, or {@code free}); empty renews the same package. {@code version}
 * makes every change a compare-and-set.
 */
public record Subscription(
    String plan,
    Instant start,
    long messages,
    long subscribers,
    long priceMinor,
    long carried,
    Optional<String> next,
    long version) {
  /** A package's period. */
  public static final Duration PERIOD = Duration.ofDays(30);

  public Subscription {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(next, "next");
  }

  /** Every account's plan until it buys a package. */
  public static Subscription free(long version) {
    return new Subscription(Plans.FREE, Instant.EPOCH, 0, 0, 0, 0, Optional.empty(), version);
  }

  public boolean isFree() {
    return plan.equals(Plans.FREE);
  }

  /** When this package's period ends (meaningless for the free plan). */
  public Instant end() {
    return start.plus(PERIOD);
  }
}
