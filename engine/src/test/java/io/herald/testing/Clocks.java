package io.herald.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Clocks for tests of phone channels, whose quiet hours must not hold messages back. */
public final class Clocks {
  private Clocks() {}

  /** A clock that runs, at 12:00 in Kyiv today. */
  public static Clock noonInKyiv() {
    Instant noon =
        LocalDate.now(ZoneId.of("Europe/Kyiv"))
            .atTime(12, 0)
            .atZone(ZoneId.of("Europe/Kyiv"))
            .toInstant();
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), noon));
  }
}
