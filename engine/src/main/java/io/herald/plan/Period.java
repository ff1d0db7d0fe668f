package io.herald.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * One quota period of an account: {@code [start, end)}, and the key its usage is counted under. The
 * free plan's periods are calendar months in {@code policy.plans.timeZone} ({@code m:2026-12}); a
 * package's are 30 days from when it was bought or renewed ({@code p:<start epoch second>}).
 */
public record Period(String key, Instant start, Instant end) {
  public Period {
    Objects.requireNonNull(key, "key");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a period ends after it starts");
    }
  }

  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
