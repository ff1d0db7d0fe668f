package io.herald.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's clock: it runs at real speed until {@link #runFaster} is called, then {@code scale}
 * times faster — the way to show a six-hour canary window in a minute ({@code --time-scale 360}).
 * Setting up (imports, whose progress is judged in clock time) happens at real speed; the campaigns
 * run fast. Herald's parts take their time from it like from any clock; real waits (network, sleeps
 * between rounds) stay real. Thread-safe.
 */
final class ScaledClock extends Clock {
  /** From {@code realStart} on (base time), time runs {@code scale} times faster than base. */
  private record Pace(Instant realStart, Instant start, long scale) {}

  private final Clock base;
  private volatile Pace pace;

  ScaledClock(Clock base) {
    this.base = base;
    Instant now = base.instant();
    this.pace = new Pace(now, now, 1);
  }

  /** From now on, time runs {@code scale} times faster. */
  synchronized void runFaster(long scale) {
    if (scale < 1) {
      throw new IllegalArgumentException("the time scale must be at least 1, not " + scale);
    }
    Instant now = instant();
    pace = new Pace(base.instant(), now, scale);
  }

  /** Time this clock has advanced since the last {@link #runFaster}. */
  Duration elapsed() {
    return Duration.between(pace.start(), instant());
  }

  /** The real time it takes this clock to advance by {@code simulated}, at its current pace. */
  Duration real(Duration simulated) {
    return simulated.dividedBy(pace.scale());
  }

  @Override
  public Instant instant() {
    Pace p = pace;
    return p.start().plus(Duration.between(p.realStart(), base.instant()).multipliedBy(p.scale()));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("the demo's scaled clock runs in UTC");
  }
}
