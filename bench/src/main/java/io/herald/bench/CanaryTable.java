package io.herald.bench;

import io.herald.bench.CanarySimulation.Cell;
import io.herald.canary.CanaryLimits;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes the canary simulation's results: the confusion matrix per list and audience size, the
 * times to a hold, the totals over the decidable sizes, and the one-line summary last.
 */
final class CanaryTable {
  private final CanaryLimits limits;
  private final List<Cell> cells;
  private final int runs;
  private final long seed;
  private final double seconds;

  CanaryTable(CanaryLimits limits, List<Cell> cells, int runs, long seed, double seconds) {
    this.limits = limits;
    this.cells = cells;
    this.runs = runs;
    this.seed = seed;
    this.seconds = seconds;
  }

  void print(PrintStream out) {
    out.println(
        "| list | should | audience | canary | released % | held % | undecided % |"
            + " median min to hold | 90th pct min to hold | held because (runs) |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Cell c : cells) {
      double[] minutes = c.holdMinutes();
      out.printf(
          Locale.ROOT,
          "| %s | %s | %,d | %d%s | %s | %s | %s | %s | %s | %s |%n",
          c.list.name(),
          c.list.expected().name().toLowerCase(Locale.ROOT),
          c.audience,
          c.canary,
          c.decidable ? "" : " ◦",
          CanarySimulation.pct(c.released, c.runs()),
          CanarySimulation.pct(c.held, c.runs()),
          CanarySimulation.pct(c.undecided, c.runs()),
          quantile(minutes, 0.5),
          quantile(minutes, 0.9),
          c.reasonsText());
    }
    List<Cell> decidable = cells.stream().filter(c -> c.decidable).toList();
    String sizes =
        decidable.stream()
            .map(c -> String.format(Locale.ROOT, "%,d", c.audience))
            .distinct()
            .collect(Collectors.joining(", "));
    out.println();
    out.printf(
        Locale.ROOT,
        "%d runs per cell, seed %d, a scorer look every %.0f minutes, %.0f s on %d cores."
            + " ◦ marks canaries too small to be decidable: fewer than 99%% of lists exactly at the"
            + " %s failing bounce limit would be shown failing even with the whole canary"
            + " finalised (computed from the limits, before simulating). Decidable audiences: %s.%n",
        runs,
        seed,
        CanarySimulation.STEP_MINUTES,
        seconds,
        Runtime.getRuntime().availableProcessors(),
        percent(limits.bounceFailing()),
        sizes);
    out.println();
    out.println("All sizes: " + totals(cells) + ".");
    out.println("Decidable sizes: " + totals(decidable) + ".");
    out.println();
    out.printf(
        Locale.ROOT,
        "canary healthy_release=%s purchased_hold=%s median_hold_minutes=%s%n",
        share(decidable, "healthy", false),
        share(decidable, "purchased", true),
        quantile(minutesOf(decidable, "purchased"), 0.5));
  }

  /** Per list, the share of runs decided as it should be (held, for lists where either is fine). */
  private static String totals(List<Cell> cells) {
    return cells.stream()
        .map(c -> c.list)
        .distinct()
        .map(
            list -> {
              boolean held = list.expected() != CanaryProfile.Expected.RELEASE;
              String text = list.name() + (held ? " held " : " released ");
              text += share(cells, list.name(), held) + "%";
              if (list.expected() == CanaryProfile.Expected.HOLD) {
                text +=
                    " (median " + quantile(minutesOf(cells, list.name()), 0.5) + " min to hold)";
              }
              return text;
            })
        .collect(Collectors.joining(", "));
  }

  private static String share(List<Cell> cells, String list, boolean held) {
    long part = 0;
    long whole = 0;
    for (Cell c : cells) {
      if (c.list.name().equals(list)) {
        part += held ? c.held : c.released;
        whole += c.runs();
      }
    }
    return CanarySimulation.pct(part, whole);
  }

  private static double[] minutesOf(List<Cell> cells, String list) {
    return cells.stream()
        .filter(c -> c.list.name().equals(list))
        .flatMapToDouble(c -> Arrays.stream(c.holdMinutes()))
        .sorted()
        .toArray();
  }

  private static String quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return "–";
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return String.format(Locale.ROOT, "%.0f", sorted[Math.max(0, i)]);
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.0f%%", rate * 100);
  }
}
