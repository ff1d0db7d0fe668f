package io.herald.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Plans and quotas (R9): the free plan's allowance per calendar month in {@code timeZone}, and the
 * paid packages an account may buy for 30 days at a time from its balance.
 *
 * @param freeMessages messages the free plan allows per calendar month
 * @param freeSubscribers contacts the free plan's lists may hold
 * @param timeZone where a calendar month begins and ends (Europe/Kyiv: Herald's users are Ukrainian
 *     first, R15)
 * @param currency the ISO 4217 code prices and balances are in
 * @param packages the paid packages, by name
 */
public record PlanConfig(
    long freeMessages,
    long freeSubscribers,
    ZoneId timeZone,
    String currency,
    List<PlanPackage> packages) {
  public PlanConfig {
    packages = List.copyOf(packages);
  }

  /** The same plans with the free plan's allowance changed. */
  public PlanConfig withFree(long messages, long subscribers) {
    return new PlanConfig(messages, subscribers, timeZone, currency, packages);
  }

  /** The same plans with these packages. */
  public PlanConfig withPackages(List<PlanPackage> next) {
    return new PlanConfig(freeMessages, freeSubscribers, timeZone, currency, next);
  }

  /** The package named {@code name}, case-insensitively. */
  public Optional<PlanPackage> find(String name) {
    return packages.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
  }
}
