package io.herald.web;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request rates per caller (an API key, the admin token, a client address), R13: a Resilience4j
 * rate limiter each, handing out {@code burst} permits per window of {@code burst / perSecond}
 * seconds, all usable at once; over it, no waiting — the caller is told how long until the next
 * window. Per node. The map stays bounded: callers idle for {@link #IDLE} are dropped when it
 * fills, and if it is still full, arbitrary ones (a dropped caller only starts a fresh window).
 * Only authenticated keys and client addresses are ever put in, never what a client made up.
 */
final class RateLimits {
  static final Duration IDLE = Duration.ofMinutes(10);

  private record Entry(RateLimiter limiter, Instant lastUsed) {}

  private final RateLimiterConfig config;
  private final int maxCallers;
  private final Clock clock;
  private final Map<String, Entry> limiters = new ConcurrentHashMap<>();

  RateLimits(int perSecond, int burst, int maxCallers, Clock clock) {
    this.config =
        RateLimiterConfig.custom()
            .limitForPeriod(burst)
            .limitRefreshPeriod(Duration.ofNanos(Math.max(1, burst * 1_000_000_000L / perSecond)))
            .timeoutDuration(Duration.ZERO)
            .build();
    this.maxCallers = maxCallers;
    this.clock = clock;
  }

  /** 0 when the caller may go on; otherwise how many seconds (at least 1) to wait. */
  long acquire(String caller) {
    Instant now = clock.instant();
    Entry entry = limiters.get(caller);
    if (entry == null) {
      makeRoom(now);
      entry =
          limiters.computeIfAbsent(
              caller, c -> new Entry(RateLimiter.of("http-" + c, config), now));
    }
    if (!entry.lastUsed().equals(now)) {
      limiters.replace(caller, entry, new Entry(entry.limiter(), now));
    }
    if (entry.limiter().acquirePermission()) {
      return 0;
    }
    return secondsToWait(entry.limiter());
  }

  /**
   * Like {@link #acquire} without taking a permit: 0 when the caller has one left (or is not known
   * yet), otherwise how many seconds (at least 1) until it has.
   */
  long waitWithoutTaking(String caller) {
    Entry entry = limiters.get(caller);
    if (entry == null || entry.limiter().getMetrics().getAvailablePermissions() > 0) {
      return 0;
    }
    return secondsToWait(entry.limiter());
  }

  private long secondsToWait(RateLimiter limiter) {
    long nanos =
        limiter instanceof AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : config.getLimitRefreshPeriod().toNanos();
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  /** How many callers are remembered (tests). */
  int size() {
    return limiters.size();
  }

  private void makeRoom(Instant now) {
    if (limiters.size() < maxCallers) {
      return;
    }
    limiters.values().removeIf(e -> e.lastUsed().isBefore(now.minus(IDLE)));
    Iterator<String> callers = limiters.keySet().iterator();
    while (limiters.size() >= maxCallers * 9L / 10 && callers.hasNext()) {
      callers.next();
      callers.remove();
    }
  }
}
