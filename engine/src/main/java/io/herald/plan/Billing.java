package io.herald.plan;

import io.herald.account.AccountId;
import io.herald.account.Refusal;
import io.herald.config.PlanPackage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An account's balance and plan changes (R9). There is no payment provider: an administrator (or
 * the admin API) records a top-up, and packages are paid from the balance, each change a line of
 * the account's ledger. An upgrade (a dearer package, or any package from the free plan) is charged
 * at once and starts a new 30-day period now, carrying over the messages left unsent in the period
 * it ends; a downgrade (a package no dearer, or the free plan) is only scheduled and takes effect
 * when the current period ends ({@link Plans} renews or changes it then).
 */
public final class Billing {
  private static final int MAX_ATTEMPTS = 20;

  private final Plans plans;
  private final QuotaStore usage;
  private final Clock clock;

  public Billing(Plans plans, QuotaStore usage, Clock clock) {
    this.plans = plans;
    this.usage = usage;
    this.clock = clock;
  }

  /** Records a top-up of {@code minor} (already checked positive) by {@code by}. */
  public LedgerEntry topUp(AccountId account, long minor, String by, String note) {
    String plan = plans.subscription(account).plan();
    return plans
        .store()
        .topUp(account, Plans.entry(clock.instant(), "top-up", minor, plan, by, note));
  }

  public long balance(AccountId account) {
    return plans.store().balance(account);
  }

  public List<LedgerEntry> ledger(AccountId account, int limit) {
    return plans.store().ledger(account, limit);
  }

  /**
   * Moves the account to {@code name} ({@code free} or a configured package): an upgrade now,
   * charged from the balance; a downgrade at the end of the period.
   *
   * @throws Refusal NOT_FOUND for an unknown package, CONFLICT when already on it, UNPROCESSABLE
   *     (with the balance and the price) when the balance does not cover an upgrade
   */
  public Subscription choose(AccountId account, String name, String by) throws Refusal {
    String wanted = name == null ? "" : name.strip();
    Optional<PlanPackage> target = plans.config().find(wanted);
    if (!wanted.equals(Plans.FREE) && target.isEmpty()) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "no package named \"" + wanted + "\"");
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Subscription s = plans.subscription(account);
      PlanStore.Change change =
          target.isPresent() && (s.isFree() || target.get().priceMinor() > s.priceMinor())
              ? upgrade(account, s, target.get(), by)
              : schedule(account, s, target.map(PlanPackage::name).orElse(Plans.FREE), by);
      switch (change) {
        case DONE -> {
          return plans.subscription(account);
        }
        case INSUFFICIENT ->
            throw new Refusal(
                Refusal.Kind.UNPROCESSABLE,
                "the balance ("
                    + Money.format(balance(account), plans.currency())
                    + ") does not cover \""
                    + wanted
                    + "\" ("
                    + Money.format(target.orElseThrow().priceMinor(), plans.currency())
                    + "); nothing changed");
        case STALE -> {
          // changed meanwhile (a renewal, another request): decide again on what it is now
        }
      }
    }
    throw new Refusal(Refusal.Kind.CONFLICT, "the plan is changing; try again");
  }

  /** A new period from now, paid at once, with what was left of this one carried over. */
  private PlanStore.Change upgrade(AccountId account, Subscription s, PlanPackage p, String by) {
    Instant now = clock.instant();
    Allowance current = plans.allowance(s);
    long left = Math.max(0, current.messages() - usage.used(account, current.period().key()));
    Subscription next =
        new Subscription(
            p.name(),
            now,
            p.messages(),
            p.subscribers(),
            p.priceMinor(),
            left,
            Optional.empty(),
            0);
    String note =
        "from \"" + s.plan() + "\"; " + left + " unsent messages carried over; 30 days from " + now;
    return plans
        .store()
        .change(
            account,
            s.version(),
            p.priceMinor(),
            next,
            Plans.entry(now, "upgrade", -p.priceMinor(), p.name(), by, note));
  }

  /** A downgrade (or its cancellation) that takes effect when the current period ends. */
  private PlanStore.Change schedule(AccountId account, Subscription s, String name, String by)
      throws Refusal {
    boolean cancelling = name.equals(s.plan());
    if (s.isFree() || (cancelling && s.next().isEmpty()) || s.next().equals(Optional.of(name))) {
      throw new Refusal(Refusal.Kind.CONFLICT, "the account is already on \"" + name + "\"");
    }
    Subscription next =
        new Subscription(
            s.plan(),
            s.start(),
            s.messages(),
            s.subscribers(),
            s.priceMinor(),
            s.carried(),
            cancelling ? Optional.empty() : Optional.of(name),
            0);
    String note =
        cancelling
            ? "scheduled change cancelled; \"" + name + "\" renews at " + s.end()
            : "to \"" + name + "\" when the period ends at " + s.end();
    return plans
        .store()
        .change(
            account,
            s.version(),
            0,
            next,
            Plans.entry(clock.instant(), "downgrade", 0, s.plan(), by, note));
  }
}
