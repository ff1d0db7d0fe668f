package io.herald.plan;

import io.herald.account.AccountId;
import io.herald.config.PlanConfig;
import io.herald.config.PlanPackage;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Which plan an account is on and what its current period allows (R9). The free plan allows {@code
 * policy.plans.freeMessages} messages per calendar month in {@code policy.plans.timeZone}
 * (Europe/Kyiv by default, so a Ukrainian marketer's month is the one on their wall calendar: it
 * begins at 00:00 Kyiv time on the 1st, 22:00 or 21:00 UTC the day before) and {@code
 * policy.plans.freeSubscribers} contacts. A package lasts 30 days from when it was bought; at its
 * end it renews from the balance (or changes to the plan a downgrade chose), and when the balance
 * cannot pay, the account drops to the free plan. Renewals are made when the account's plan is next
 * read (any send, import or usage), one period at a time and dated at each period's end, so every
 * node may do it and the compare-and-set in the store lets only one.
 */
public final class Plans {
  public static final String FREE = "free";
  private static final String RENEWER = "herald";
  private static final int MAX_ATTEMPTS = 20;

  private final PlanConfig config;
  private final PlanStore store;
  private final Clock clock;

  public Plans(PlanConfig config, PlanStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
  }

  /** The account's allowance at this moment (renewing or dropping its package first if due). */
  public Allowance current(AccountId account) {
    return allowance(renewed(account));
  }

  /** The account's plan at this moment, renewed if due. */
  public Subscription subscription(AccountId account) {
    return renewed(account);
  }

  Allowance allowance(Subscription s) {
    if (s.isFree()) {
      return new Allowance(
          FREE,
          calendarMonth(clock.instant(), config.timeZone()),
          config.freeMessages(),
          config.freeSubscribers());
    }
    return new Allowance(
        s.plan(),
        new Period("p:" + s.start().getEpochSecond(), s.start(), s.end()),
        s.messages() + s.carried(),
        s.subscribers());
  }

  public ZoneId zone() {
    return config.timeZone();
  }

  public String currency() {
    return config.currency();
  }

  PlanStore store() {
    return store;
  }

  PlanConfig config() {
    return config;
  }

  /** The stored plan once every period that ended has been renewed, changed or dropped. */
  private Subscription renewed(AccountId account) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Subscription s = store.find(account);
      if (s.isFree() || clock.instant().isBefore(s.end())) {
        return s;
      }
      endPeriod(account, s); // whatever it did (or a concurrent node did), read again
    }
    throw new IllegalStateException("the plan of account " + account + " kept changing");
  }

  private void endPeriod(AccountId account, Subscription s) {
    Instant at = s.end();
    String target = s.next().orElse(s.plan());
    Optional<PlanPackage> renewal = target.equals(FREE) ? Optional.empty() : config.find(target);
    if (renewal.isEmpty()) {
      String why =
          target.equals(FREE)
              ? "downgrade to the free plan took effect"
              : "package \"" + target + "\" is no longer offered";
      store.change(account, s.version(), 0, free(), entry(at, "free", 0, FREE, RENEWER, why));
      return;
    }
    PlanPackage p = renewal.get();
    Subscription next =
        new Subscription(
            p.name(), at, p.messages(), p.subscribers(), p.priceMinor(), 0, Optional.empty(), 0);
    String kind = p.name().equals(s.plan()) ? "renewal" : "downgrade";
    PlanStore.Change change =
        store.change(
            account,
            s.version(),
            p.priceMinor(),
            next,
            entry(at, kind, -p.priceMinor(), p.name(), RENEWER, "30-day period from " + at));
    if (change == PlanStore.Change.INSUFFICIENT) {
      long balance = store.balance(account);
      store.change(
          account,
          s.version(),
          0,
          free(),
          entry(
              at,
              "free",
              0,
              FREE,
              RENEWER,
              "the balance ("
                  + Money.format(balance, config.currency())
                  + ") could not renew \""
                  + p.name()
                  + "\" ("
                  + Money.format(p.priceMinor(), config.currency())
                  + ")"));
    }
  }

  static Subscription free() {
    return Subscription.free(0);
  }

  static LedgerEntry entry(
      Instant at, String kind, long amount, String plan, String by, String note) {
    return new LedgerEntry(at, kind, amount, 0, plan, by, note);
  }

  /** The calendar month in {@code zone} that holds {@code at}. */
  static Period calendarMonth(Instant at, ZoneId zone) {
    YearMonth month = YearMonth.from(at.atZone(zone));
    ZonedDateTime start = month.atDay(1).atStartOfDay(zone);
    ZonedDateTime end = month.plusMonths(1).atDay(1).atStartOfDay(zone);
    return new Period("m:" + month, start.toInstant(), end.toInstant());
  }
}
