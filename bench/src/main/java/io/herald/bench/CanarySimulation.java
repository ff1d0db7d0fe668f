package io.herald.bench;

import io.herald.canary.CanaryCounts;
import io.herald.canary.CanaryDecision;
import io.herald.canary.CanaryEvidence;
import io.herald.canary.CanaryLimits;
import io.herald.canary.CanaryScorer;
import io.herald.canary.CanarySize;
import io.herald.canary.MetricScore;
import io.herald.canary.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The canary scenario of the bench: a Monte-Carlo evaluation of {@link CanaryScorer} with its
 * default limits. For each kind of list ({@link CanaryProfile}) and audience size it simulates
 * {@code runs} canaries ({@link CanaryTimeline}), steps a simulated clock every five minutes from
 * the canary's start, asks the scorer at each step, and records the first Release or Hold and when
 * it came. Each cell has its own seed, so the whole table is reproducible and independent of how
 * cells are spread over threads.
 *
 * <p>Prints a Markdown table (the confusion matrix per list and size), notes, and as the last line
 * {@code canary healthy_release=… purchased_hold=… median_hold_minutes=…} over the decidable sizes.
 */
final class CanarySimulation {
  static final long[] AUDIENCES = {100, 1_000, 5_000, 10_000, 100_000, 1_000_000};
  static final double STEP_MINUTES = 5;

  /** Past the window the scorer may wait for the canary to finalise; give up after four days. */
  static final double HORIZON_MINUTES = 4 * 24 * 60;

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final CanaryScorer scorer;
  private final int runs;
  private final long seed;

  CanarySimulation(CanaryScorer scorer, int runs, long seed) {
    this.scorer = scorer;
    this.runs = runs;
    this.seed = seed;
  }

  static void run(int runs, long seed, CanaryLimits limits) throws Exception {
    long t0 = System.nanoTime();
    CanarySimulation simulation = new CanarySimulation(new CanaryScorer(limits), runs, seed);
    List<Cell> cells = simulation.all();
    double seconds = (System.nanoTime() - t0) / 1e9;
    new CanaryTable(simulation.scorer.limits(), cells, runs, seed, seconds).print(System.out);
  }

  /** Every cell, computed on all cores; the order of the result is the order of the table. */
  List<Cell> all() throws Exception {
    List<CanaryProfile> lists = CanaryProfile.all();
    int threads = Runtime.getRuntime().availableProcessors();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Cell>> futures = new ArrayList<>();
      for (int l = 0; l < lists.size(); l++) {
        for (int a = 0; a < AUDIENCES.length; a++) {
          CanaryProfile list = lists.get(l);
          long audience = AUDIENCES[a];
          long cellSeed = seed * 1_000_003L + l * 101L + a;
          futures.add(pool.submit(() -> cell(list, audience, cellSeed)));
        }
      }
      List<Cell> cells = new ArrayList<>();
      for (Future<Cell> f : futures) {
        cells.add(f.get());
      }
      return cells;
    }
  }

  Cell cell(CanaryProfile list, long audience, long cellSeed) {
    int canary = CanarySize.of(audience);
    SplittableRandom random = new SplittableRandom(cellSeed);
    Cell cell = new Cell(list, audience, canary, decidable(canary));
    for (int r = 0; r < runs; r++) {
      cell.add(one(CanaryTimeline.simulate(list, canary, random.split())));
    }
    return cell;
  }

  /** Steps the clock over one canary until the scorer releases or holds it. */
  Outcome one(CanaryTimeline timeline) {
    CanaryCounts previous = null;
    boolean previousOver = false;
    boolean previousFinal = false;
    for (double t = STEP_MINUTES; t <= HORIZON_MINUTES; t += STEP_MINUTES) {
      CanaryCounts counts = timeline.countsAt(t);
      boolean over = t >= scorer.limits().window().toMinutes();
      boolean allFinal = timeline.allFinalAt() <= t;
      // The scorer is pure and, within the window or past it, looks only at the counts and
      // whether sending has finished: unchanged inputs cannot change a Wait. Skipping them keeps
      // the run short.
      if (counts.equals(previous) && over == previousOver && allFinal == previousFinal) {
        continue;
      }
      previous = counts;
      previousOver = over;
      previousFinal = allFinal;
      Instant last = allFinal ? START.plus(minutes(timeline.allFinalAt())) : null;
      CanaryDecision decision =
          scorer.score(new CanaryEvidence(counts, START, last), START.plus(minutes(t)));
      switch (decision) {
        case CanaryDecision.Wait w -> {}
        case CanaryDecision.Release r -> {
          return new Outcome(Decision.RELEASE, t, List.of());
        }
        case CanaryDecision.Hold h -> {
          return new Outcome(
              Decision.HOLD, t, h.report().failing().stream().map(MetricScore::metric).toList());
        }
      }
    }
    return new Outcome(Decision.UNDECIDED, HORIZON_MINUTES, List.of());
  }

  private static Duration minutes(double minutes) {
    return Duration.ofMillis(Math.round(minutes * 60_000));
  }

  /**
   * Whether a canary of {@code n} can be expected to hold a list exactly at the failing bounce
   * limit: the probability, over its binomial count of hard bounces with the whole canary
   * finalised, that the scorer finds them failing is at least 99%. Computed from the limits alone,
   * before any simulation, so that which sizes count in the headline does not depend on results.
   */
  boolean decidable(int n) {
    if (n == 0) {
      return false;
    }
    double p = scorer.limits().bounceFailing();
    double pmf = Math.pow(1 - p, n);
    double power = 0;
    for (int x = 0; x <= n; x++) {
      if (x > 0) {
        pmf *= (double) (n - x + 1) / x * p / (1 - p);
      }
      CanaryCounts counts = new CanaryCounts(n, n - x, x, 0, 0, n / 10, 0, 0, 0);
      CanaryDecision d =
          scorer.score(new CanaryEvidence(counts, START, START), START.plus(Duration.ofMinutes(1)));
      boolean failing =
          d.report().metrics().stream()
              .anyMatch(m -> m.metric().equals("hard bounces") && m.verdict() == Verdict.FAILING);
      if (failing) {
        power += pmf;
      }
    }
    return power >= 0.99;
  }

  enum Decision {
    RELEASE,
    HOLD,
    UNDECIDED
  }

  record Outcome(Decision decision, double minutes, List<String> failing) {}

  /** The runs of one list at one audience size. */
  static final class Cell {
    final CanaryProfile list;
    final long audience;
    final int canary;
    final boolean decidable;
    int released;
    int held;
    int undecided;
    private double[] holdMinutes = new double[0];
    final Map<String, Integer> reasons = new TreeMap<>();

    Cell(CanaryProfile list, long audience, int canary, boolean decidable) {
      this.list = list;
      this.audience = audience;
      this.canary = canary;
      this.decidable = decidable;
    }

    void add(Outcome o) {
      switch (o.decision()) {
        case RELEASE -> released++;
        case UNDECIDED -> undecided++;
        case HOLD -> {
          held++;
          holdMinutes = Arrays.copyOf(holdMinutes, holdMinutes.length + 1);
          holdMinutes[holdMinutes.length - 1] = o.minutes();
          for (String metric : o.failing()) {
            reasons.merge(metric, 1, Integer::sum);
          }
        }
      }
    }

    int runs() {
      return released + held + undecided;
    }

    double[] holdMinutes() {
      double[] sorted = holdMinutes.clone();
      Arrays.sort(sorted);
      return sorted;
    }

    String reasonsText() {
      return reasons.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
    }
  }

  static String pct(long part, long whole) {
    return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", 100.0 * part / whole);
  }
}
