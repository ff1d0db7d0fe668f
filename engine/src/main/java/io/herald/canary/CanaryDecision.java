package io.herald.canary;

import java.util.Objects;

/**
 * What to do with a campaign whose canary has been scored: keep observing ({@link Wait}), send the
 * rest ({@link Release}) or stop and ask an administrator ({@link Hold}). Switch over it
 * exhaustively. Every decision carries the report that explains it.
 */
public sealed interface CanaryDecision
    permits CanaryDecision.Wait, CanaryDecision.Release, CanaryDecision.Hold {
  CanaryReport report();

  /**
   * The window is still open (or too little of the canary has a final outcome) and nothing fails.
   */
  record Wait(CanaryReport report) implements CanaryDecision {
    public Wait {
      Objects.requireNonNull(report, "report");
    }
  }

  /** The window is over and no metric fails: send the other 90%. */
  record Release(CanaryReport report) implements CanaryDecision {
    public Release {
      Objects.requireNonNull(report, "report");
    }
  }

  /** A metric fails: send nothing more until an administrator approves or rejects. */
  record Hold(CanaryReport report) implements CanaryDecision {
    public Hold {
      Objects.requireNonNull(report, "report");
    }
  }
}
