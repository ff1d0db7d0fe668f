package io.herald.config;

import java.util.Objects;

/**
 * A paid package an account may buy (R9): how many messages and subscribers it allows for one
 * 30-day period and what a period costs, in minor units of {@code policy.plans.currency} (kopiyky
 * for UAH), so that sums of money are never floating point.
 *
 * @param name how accounts and the API name it; unique, never {@code free}
 * @param messages messages per 30-day period (an email 1, an SMS its parts)
 * @param subscribers contacts the account's lists may hold
 * @param priceMinor the price of one period in minor units
 */
public record PlanPackage(String name, long messages, long subscribers, long priceMinor) {
  public PlanPackage {
    Objects.requireNonNull(name, "name");
    if (name.equalsIgnoreCase("free")) {
      throw new IllegalArgumentException("\"free\" is the free plan's name, not a package's");
    }
  }
}
