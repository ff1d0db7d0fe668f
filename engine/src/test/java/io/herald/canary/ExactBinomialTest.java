package io.herald.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Clopper–Pearson bounds against closed forms and published values. */
class ExactBinomialTest {
  @Test
  void noEventsHasTheClosedFormUpperBound() {
    // P(0 events in n | p) = (1 - p)^n = alpha.
    assertThat(ExactBinomial.upperBound(0, 10, 0.95)).isCloseTo(0.25887, within(1e-5));
    assertThat(ExactBinomial.lowerBound(0, 10, 0.95)).isZero();
  }

  @Test
  void matchesTheTextbookTwoSidedInterval() {
    // 5 of 10, two-sided 95% Clopper–Pearson: 0.1871 to 0.8129.
    assertThat(ExactBinomial.lowerBound(5, 10, 0.975)).isCloseTo(0.18709, within(1e-5));
    assertThat(ExactBinomial.upperBound(5, 10, 0.975)).isCloseTo(0.81291, within(1e-5));
  }

  @Test
  void theBoundIsWhereTheBinomialTailEqualsAlpha() {
    for (long n : new long[] {7, 30, 100, 1000}) {
      for (long x = 1; x < n; x += Math.max(1, n / 7)) {
        double lower = ExactBinomial.lowerBound(x, n, 0.99);
        double upper = ExactBinomial.upperBound(x, n, 0.99);
        assertThat(tailAtLeast(x, n, lower)).isCloseTo(0.01, within(1e-9));
        assertThat(1 - tailAtLeast(x + 1, n, upper)).isCloseTo(0.01, within(1e-9));
        assertThat(lower).isLessThan((double) x / n).isGreaterThan(0);
        assertThat(upper).isGreaterThan((double) x / n).isLessThan(1);
      }
    }
  }

  @Test
  void oneComplaintInThirtyIsNotProofOfAPointOnePercentRate() {
    assertThat(ExactBinomial.lowerBound(1, 30, 0.99)).isLessThan(0.001);
  }

  /** P(X >= x) for X ~ Binomial(n, p), summed directly. */
  private static double tailAtLeast(long x, long n, double p) {
    double sum = 0;
    for (long k = x; k <= n; k++) {
      double logTerm =
          ExactBinomial.logGamma(n + 1.0)
              - ExactBinomial.logGamma(k + 1.0)
              - ExactBinomial.logGamma(n - k + 1.0)
              + k * Math.log(p)
              + (n - k) * Math.log1p(-p);
      sum += Math.exp(logTerm);
    }
    return sum;
  }
}
