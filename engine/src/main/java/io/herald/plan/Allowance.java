package io.herald.plan;

import java.util.Objects;

/**
 * What an account may do in its current period (R9): its plan's name ({@code free} or a package's),
 * the period, how many messages it may send in it and how many contacts its lists may hold. {@code
 * messages} includes what an upgrade carried over from the period before.
 */
public record Allowance(String plan, Period period, long messages, long subscribers) {
  public Allowance {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(period, "period");
  }
}
