package io.herald.canary;

/**
 * Clopper–Pearson ("exact") one-sided confidence bounds of a binomial proportion, from the
 * regularised incomplete beta function. Exact bounds are used instead of the Wilson interval
 * because the canary's rare events (complaints at 0.1%, a few bounces in a few dozen messages) are
 * exactly where Wilson's lower bound is too high: for one complaint in 30 messages its 99% lower
 * bound is 0.28%, while the binomial tail says such a count is a 3% event even at a true rate of
 * 0.1%. Clopper–Pearson never claims more confidence than the binomial tail gives; it is slightly
 * conservative, which suits a check whose false alarm stops somebody's campaign.
 *
 * <p>The lower bound at confidence {@code c} is the smallest rate {@code p} for which seeing {@code
 * x} or more events in {@code n} still has probability at least {@code 1 - c}; the upper bound is
 * the largest rate for which {@code x} or fewer still has that probability. Pure static functions,
 * no state.
 */
final class ExactBinomial {
  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 300;

  private static final double[] NQ_A = {
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
  };
  private static final double[] NQ_B = {
    -5.447609879822406e+01,
    1.615858368580409e+02,
    -1.556989798598866e+02,
    6.680131188771972e+01,
    -1.328068155288572e+01
  };
  private static final double[] NQ_C = {
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
  };
  private static final double[] NQ_D = {
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
  };
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  private ExactBinomial() {}

  /** One-sided lower bound of the rate behind {@code x} events in {@code n} trials. */
  static double lowerBound(long x, long n, double confidence) {
    checkCounts(x, n);
    if (x == 0) {
      return 0.0;
    }
    double alpha = 1.0 - confidence;
    if (x == n) {
      return Math.pow(alpha, 1.0 / n);
    }
    // P(X >= x | p) = I_p(x, n - x + 1); the bound is where that equals alpha.
    return inverseRegularizedBeta(alpha, x, n - x + 1.0);
  }

  /** One-sided upper bound of the rate behind {@code x} events in {@code n} trials. */
  static double upperBound(long x, long n, double confidence) {
    checkCounts(x, n);
    if (x == n) {
      return 1.0;
    }
    double alpha = 1.0 - confidence;
    if (x == 0) {
      return 1.0 - Math.pow(alpha, 1.0 / n);
    }
    // P(X <= x | p) = 1 - I_p(x + 1, n - x); the bound is where that equals alpha.
    return inverseRegularizedBeta(1.0 - alpha, x + 1.0, (double) (n - x));
  }

  private static void checkCounts(long x, long n) {
    if (n <= 0 || x < 0 || x > n) {
      throw new IllegalArgumentException("need 0 <= x <= n and n > 0, got x=" + x + " n=" + n);
    }
  }

  /** The regularised incomplete beta function I_p(a, b), for a, b > 0 and 0 <= p <= 1. */
  static double regularizedBeta(double p, double a, double b) {
    if (p <= 0) {
      return 0.0;
    }
    if (p >= 1) {
      return 1.0;
    }
    double logFront =
        a * Math.log(p) + b * Math.log1p(-p) - logBeta(a, b); // log of p^a (1-p)^b / B(a,b)
    // The continued fraction converges fast only below the mean; use the symmetry above it.
    if (p < (a + 1) / (a + b + 2)) {
      return Math.exp(logFront) * continuedFraction(p, a, b) / a;
    }
    return 1.0 - Math.exp(logFront) * continuedFraction(1 - p, b, a) / b;
  }

  /** Lentz's evaluation of the incomplete beta continued fraction (Numerical Recipes, 6.4). */
  private static double continuedFraction(double p, double a, double b) {
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * p / qap;
    d = Math.abs(d) < TINY ? TINY : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * p / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * p / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return h;
  }

  /**
   * The p with I_p(a, b) = target: Newton steps on the beta density, kept inside a shrinking
   * bracket (bisection whenever a step would leave it), so it always converges.
   */
  static double inverseRegularizedBeta(double target, double a, double b) {
    double lo = 0;
    double hi = 1;
    double logB = logBeta(a, b);
    double p = initialGuess(target, a, b);
    for (int i = 0; i < 200; i++) {
      double f = regularizedBeta(p, a, b) - target;
      if (f > 0) {
        hi = p;
      } else {
        lo = p;
      }
      double density = Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p) - logB);
      double next = p - f / density;
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - p) <= 1e-13 * Math.max(p, 1e-10) || hi - lo < 1e-15) {
        return next;
      }
      p = next;
    }
    return p;
  }

  /** A start near the answer: the normal approximation of the beta quantile, clamped inside. */
  private static double initialGuess(double target, double a, double b) {
    double mean = a / (a + b);
    double sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    double guess = mean + normalQuantile(target) * sd;
    return Math.min(Math.max(guess, 1e-12), 1 - 1e-12);
  }

  /** Acklam's rational approximation of the standard normal quantile (relative error 1e-9). */
  static double normalQuantile(double q) {
    if (q <= 0 || q >= 1) {
      throw new IllegalArgumentException("quantile outside (0, 1): " + q);
    }
    double low = 0.02425;
    if (q < low) {
      double t = Math.sqrt(-2 * Math.log(q));
      return (((((NQ_C[0] * t + NQ_C[1]) * t + NQ_C[2]) * t + NQ_C[3]) * t + NQ_C[4]) * t + NQ_C[5])
          / ((((NQ_D[0] * t + NQ_D[1]) * t + NQ_D[2]) * t + NQ_D[3]) * t + 1);
    }
    if (q > 1 - low) {
      return -normalQuantile(1 - q);
    }
    double t = q - 0.5;
    double r = t * t;
    return (((((NQ_A[0] * r + NQ_A[1]) * r + NQ_A[2]) * r + NQ_A[3]) * r + NQ_A[4]) * r + NQ_A[5])
        * t
        / (((((NQ_B[0] * r + NQ_B[1]) * r + NQ_B[2]) * r + NQ_B[3]) * r + NQ_B[4]) * r + 1);
  }

  static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /** Lanczos approximation (g = 7, nine terms), about 15 significant digits for x > 0. */
  static double logGamma(double x) {
    if (x < 0.5) {
      // Reflection; not reached by the bounds above (a, b >= 1) but keeps the function total.
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double y = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (y + i);
    }
    double t = y + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
