package io.herald.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed webhook is tried again: after 10 s, 30 s, 1 min, 5 min, 15 min, 1 h, 2 h, 4 h, then
 * every 6 h, each wait plus up to 20 % random jitter (so endpoints that failed together do not all
 * come back at once) — until {@code maxAttempts} were made or the next try would be more than
 * {@code maxAge} after the first.
 */
public record Backoff(int maxAttempts, Duration maxAge) {
  static final List<Duration> WAITS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(4),
          Duration.ofHours(6));

  /**
   * When attempt {@code attempt + 1} is due, after attempt {@code attempt} failed at {@code now}.
   */
  public Optional<Instant> next(int attempt, Instant firstAt, Instant now, RandomGenerator random) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait = WAITS.get(Math.min(attempt, WAITS.size()) - 1);
    long jitter = (long) (wait.toMillis() * 0.2 * random.nextDouble());
    Instant due = now.plus(wait).plusMillis(jitter);
    return due.isAfter(firstAt.plus(maxAge)) ? Optional.empty() : Optional.of(due);
  }
}
