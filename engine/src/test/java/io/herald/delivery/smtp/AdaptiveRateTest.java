package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdaptiveRateTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final AdaptiveRate rate =
      new AdaptiveRate(20, clock, Duration.ofSeconds(30), Duration.ofSeconds(10));

  @Test
  void startsAtTheConfiguredLimitAndSuccessNeverExceedsIt() {
    assertThat(rate.limit()).isEqualTo(20);
    assertThat(rate.onSuccess()).isEqualTo(20);
  }

  @Test
  void throttlingHalvesOncePerSettlePeriod() {
    assertThat(rate.onThrottle()).isEqualTo(10);
    assertThat(rate.onThrottle()).as("a burst of 421s from parallel connections").isEqualTo(10);
    clock.advance(Duration.ofSeconds(30));
    assertThat(rate.onThrottle()).isEqualTo(5);
  }

  @Test
  void neverDropsBelowOnePermit() {
    for (int i = 0; i < 10; i++) {
      rate.onThrottle();
      clock.advance(Duration.ofSeconds(30));
    }
    assertThat(rate.limit()).isEqualTo(1);
  }

  @Test
  void recoversStepByStepAfterSettling() {
    rate.onThrottle();
    assertThat(rate.onSuccess()).as("too soon after the halving").isEqualTo(10);
    clock.advance(Duration.ofSeconds(30));
    assertThat(rate.onSuccess()).isEqualTo(12);
    assertThat(rate.onSuccess()).as("one step per recovery interval").isEqualTo(12);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(10));
      rate.onSuccess();
    }
    assertThat(rate.limit()).isEqualTo(20);
  }

  @Test
  void throttlingDuringRecoveryHalvesAgain() {
    rate.onThrottle();
    clock.advance(Duration.ofSeconds(40));
    assertThat(rate.onSuccess()).isEqualTo(12);
    assertThat(rate.onThrottle()).isEqualTo(6);
  }
}
