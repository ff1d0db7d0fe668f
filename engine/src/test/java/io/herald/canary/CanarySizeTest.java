package io.herald.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The canary is 10% of the audience, rounded half up, at least 1 and at most 1000. */
class CanarySizeTest {
  @Test
  void tenPercentRoundedHalfUpBetweenOneAndAThousand() {
    assertThat(CanarySize.of(0)).isZero();
    assertThat(CanarySize.of(1)).isEqualTo(1);
    assertThat(CanarySize.of(5)).isEqualTo(1);
    assertThat(CanarySize.of(14)).isEqualTo(1);
    assertThat(CanarySize.of(15)).isEqualTo(2);
    assertThat(CanarySize.of(25)).isEqualTo(3);
    assertThat(CanarySize.of(100)).isEqualTo(10);
    assertThat(CanarySize.of(500)).isEqualTo(50);
    assertThat(CanarySize.of(9_994)).isEqualTo(999);
    assertThat(CanarySize.of(9_995)).isEqualTo(1000);
    assertThat(CanarySize.of(20_000)).isEqualTo(1000);
    assertThat(CanarySize.of(Long.MAX_VALUE)).isEqualTo(1000);
  }

  @Test
  void aNegativeAudienceIsABug() {
    assertThatThrownBy(() -> CanarySize.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
