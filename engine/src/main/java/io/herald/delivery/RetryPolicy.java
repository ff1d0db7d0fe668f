package io.herald.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to try a deferred message again: exponential backoff from {@code first}, doubled per attempt
 * up to {@code cap}, with ±20% jitter so that a destination that came back is not hit by every
 * retry at once; never sooner than the destination asked; and not at all once the message is older
 * than {@code maxAge} (then it is a final soft bounce).
 */
public record RetryPolicy(Duration first, Duration cap, Duration maxAge) {
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(72));
  }

  /** The next due time, or null when the message has been retried for too long. */
  public Instant next(WorkItem item, Instant now, Duration noSoonerThan, RandomGenerator random) {
    return next(item.attempt(), item.firstQueuedAt(), now, noSoonerThan, random);
  }

  /**
   * The same for any queue's item: {@code attempt} is the try that was just deferred (1 = first),
   * {@code firstQueuedAt} when the message was first queued. Null when retried for too long.
   */
  public Instant next(
      int attempt,
      Instant firstQueuedAt,
      Instant now,
      Duration noSoonerThan,
      RandomGenerator random) {
    if (!now.isBefore(firstQueuedAt.plus(maxAge))) {
      return null;
    }
    long base = first.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, cap.toMillis());
    long jittered = (long) (capped * (0.8 + 0.4 * random.nextDouble()));
    return now.plusMillis(Math.max(jittered, noSoonerThan.toMillis()));
  }
}
