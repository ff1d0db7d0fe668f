package io.herald.canary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * One canary metric as scored: {@code count} events over a {@code base} of messages, the observed
 * {@code rate}, its one-sided Clopper–Pearson {@code lowerBound} and {@code upperBound} at the
 * limits' confidence, the {@code warning} and {@code failing} limits (NaN for metrics shown for
 * information only) and the resulting {@link Verdict}.
 */
public record MetricScore(
    String metric,
    long count,
    long base,
    double rate,
    double lowerBound,
    double upperBound,
    double warning,
    double failing,
    Verdict verdict) {

  /**
   * One line for a person, e.g. {@code hard bounces: 85 of 1000 finalised = 8.50% (bounds 6.9% to
   * 10.4%); warning 5%, failing 10% → FAILING (…)}.
   */
  public String describe() {
    String baseName = Metric.ofLabel(metric).map(m -> m.base).orElse("messages");
    StringBuilder line = new StringBuilder();
    line.append(metric).append(": ").append(count).append(" of ").append(base).append(' ');
    line.append(baseName);
    if (base > 0) {
      line.append(" = ").append(percent(rate));
      line.append(" (bounds ").append(percent(lowerBound));
      line.append(" to ").append(percent(upperBound)).append(')');
    }
    if (!Double.isNaN(warning)) {
      line.append("; warning ").append(limit(warning));
      line.append(", failing ").append(limit(failing));
    }
    line.append(" → ").append(verdict).append(" (").append(meaning()).append(')');
    return line.toString();
  }

  private String meaning() {
    boolean low =
        Metric.ofLabel(metric).map(m -> m.direction == Metric.Direction.BAD_WHEN_LOW).orElse(false);
    String side = low ? "below" : "above";
    String other = low ? "above" : "below";
    return switch (verdict) {
      case OK -> "not shown " + side + " the warning limit; the failing limit is ruled out";
      case WARNING -> side + " the warning limit, but shown " + other + " the failing limit";
      case FAILING -> side + " the warning limit, and the failing limit is not ruled out";
      case INSUFFICIENT_DATA ->
          base == 0
              ? "nothing to judge yet"
              : "too few messages to tell the warning limit from the failing limit";
      case PENDING -> "still arriving; judged when the window ends";
      case NOT_JUDGED -> "for information";
    };
  }

  /** A limit as a percentage without trailing zeros: 5%, 0.1%. */
  static String limit(double rate) {
    return new BigDecimal(rate * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString()
        + "%";
  }

  /** A rate as a percentage with enough digits for rare events: 8.50%, 0.120%, 0.0120%. */
  static String percent(double rate) {
    double p = rate * 100;
    if (p == 0) {
      return "0%";
    }
    if (p >= 10) {
      return String.format(Locale.ROOT, "%.1f%%", p);
    }
    if (p >= 1) {
      return String.format(Locale.ROOT, "%.2f%%", p);
    }
    if (p >= 0.1) {
      return String.format(Locale.ROOT, "%.3f%%", p);
    }
    return String.format(Locale.ROOT, "%.4f%%", p);
  }
}
