package io.herald.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The canary release of bulk campaigns (R6): which campaigns get one, how long their sample is
 * observed, and how often the evidence is scored.
 *
 * @param applyTo {@code all} (every bulk campaign starts with a canary, the default) or {@code
 *     none} (campaigns go to their whole audience at once)
 * @param window how long the canary sample is observed before a release
 * @param checkEvery how often each node scores the canaries under observation
 */
public record CanaryConfig(String applyTo, Duration window, Duration checkEvery) {
  public CanaryConfig {
    Objects.requireNonNull(applyTo, "applyTo");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(checkEvery, "checkEvery");
  }

  /** Whether bulk campaigns start with a canary. */
  public boolean enabled() {
    return applyTo.equals("all");
  }

  /** The same settings with canaries on or off. */
  public CanaryConfig withEnabled(boolean on) {
    return new CanaryConfig(on ? "all" : "none", window, checkEvery);
  }

  /** The same settings with another window and scoring interval. */
  public CanaryConfig withTiming(Duration observe, Duration every) {
    return new CanaryConfig(applyTo, observe, every);
  }
}
