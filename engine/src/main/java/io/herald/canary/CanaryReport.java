package io.herald.canary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The explanation of a canary decision: a one-paragraph summary (the decision and why) and every
 * metric with its count, base, rate, confidence bounds, limits and verdict. {@link #text()} is what
 * an administrator reads when reviewing a held campaign.
 */
public record CanaryReport(List<MetricScore> metrics, String summary) {
  public CanaryReport {
    metrics = List.copyOf(metrics);
    Objects.requireNonNull(summary, "summary");
  }

  /** The metrics that made the scorer hold: those {@link Verdict#FAILING}. */
  public List<MetricScore> failing() {
    return metrics.stream().filter(m -> m.verdict() == Verdict.FAILING).toList();
  }

  /** The metric named {@code label} in this report ({@code seen}, {@code undelivered}…). */
  public Optional<MetricScore> metric(String label) {
    return metrics.stream().filter(m -> m.metric().equals(label)).findFirst();
  }

  /** The summary, then one line per metric. */
  public String text() {
    return summary
        + "\n"
        + metrics.stream().map(m -> "  - " + m.describe()).collect(Collectors.joining("\n"));
  }
}
