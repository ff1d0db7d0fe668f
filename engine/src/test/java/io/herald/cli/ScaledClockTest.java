package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScaledClockTest {
  final MutableClock real = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));

  @Test
  void runsAtRealSpeedUntilToldThenFasterWithoutJumping() {
    ScaledClock clock = new ScaledClock(real);
    real.advance(Duration.ofSeconds(10));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-21T09:00:10Z"));
    clock.runFaster(360);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-21T09:00:10Z"));
    real.advance(Duration.ofSeconds(60));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-21T15:00:10Z"));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(6));
    assertThat(clock.real(Duration.ofHours(6))).isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> clock.runFaster(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
