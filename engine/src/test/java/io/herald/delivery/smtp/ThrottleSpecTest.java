package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleSpecTest {
  @Test
  void parsesTheUsualUnits() {
    assertThat(ThrottleSpec.parse("100/s")).isEqualTo(new ThrottleSpec(100, Duration.ofSeconds(1)));
    assertThat(ThrottleSpec.parse("6000/min"))
        .isEqualTo(new ThrottleSpec(6000, Duration.ofMinutes(1)));
    assertThat(ThrottleSpec.parse(" 20 / h ")).isEqualTo(new ThrottleSpec(20, Duration.ofHours(1)));
    assertThat(ThrottleSpec.parse("5/day")).isEqualTo(new ThrottleSpec(5, Duration.ofDays(1)));
    assertThat(ThrottleSpec.parse("6000/min").perSecond()).isEqualTo(100.0);
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> ThrottleSpec.parse("100")).hasMessageContaining("N/s");
    assertThatThrownBy(() -> ThrottleSpec.parse("100/week")).hasMessageContaining("unknown unit");
    assertThatThrownBy(() -> ThrottleSpec.parse("0/s")).hasMessageContaining("at least 1");
  }

  @Test
  void windowsAreShortAndSmoothButKeepTheRate() {
    assertThat(ThrottleSpec.parse("100/s").window())
        .isEqualTo(new ThrottleSpec.Window(10, Duration.ofMillis(100)));
    assertThat(ThrottleSpec.parse("6000/min").window())
        .isEqualTo(new ThrottleSpec.Window(10, Duration.ofMillis(100)));
    assertThat(ThrottleSpec.parse("20/h").window())
        .isEqualTo(new ThrottleSpec.Window(10, Duration.ofMinutes(30)));
    assertThat(ThrottleSpec.parse("5/s").window())
        .isEqualTo(new ThrottleSpec.Window(5, Duration.ofSeconds(1)));
    assertThat(ThrottleSpec.parse("100000/s").window())
        .isEqualTo(new ThrottleSpec.Window(1000, Duration.ofMillis(10)));
  }

  @Test
  void hostPortReadsOverrideEntries() {
    assertThat(HostPort.parse("mx.test:2525")).isEqualTo(new HostPort("mx.test", 2525));
    assertThat(HostPort.parse("mx.test")).isEqualTo(new HostPort("mx.test", 25));
    assertThat(HostPort.parse("[::1]:2525")).isEqualTo(new HostPort("::1", 2525));
    assertThat(new HostPort("::1", 2525)).hasToString("[::1]:2525");
  }
}
