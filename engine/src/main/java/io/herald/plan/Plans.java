package io.herald.plan;

import io.herald.account.AccountId;
import io.herald.config.PlanConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Which plan an account is on now and what its current period allows (R9). Every account is on the
 * free plan: {@code policy.plans.freeMessages} messages per calendar month in {@code
 * policy.plans.timeZone} (Europe/Kyiv by default, so a Ukrainian marketer's "month" is the one on
 * their wall calendar: it begins at 00:00 Kyiv time on the 1st, 22:00 or 21:00 UTC the day before)
 * and {@code policy.plans.freeSubscribers} contacts.
 */
public final class Plans {
  public static final String FREE = "free";

  private final PlanConfig config;
  private final Clock clock;

  public Plans(PlanConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** The account's allowance at this moment. */
  public Allowance current(AccountId account) {
    return free(clock.instant());
  }

  /** The free plan's allowance for the calendar month holding {@code at}. */
  Allowance free(Instant at) {
    return new Allowance(
        FREE,
        calendarMonth(at, config.timeZone()),
        config.freeMessages(),
        config.freeSubscribers());
  }

  public ZoneId zone() {
    return config.timeZone();
  }

  public String currency() {
    return config.currency();
  }

  /** The calendar month in {@code zone} that holds {@code at}. */
  static Period calendarMonth(Instant at, ZoneId zone) {
    YearMonth month = YearMonth.from(at.atZone(zone));
    ZonedDateTime start = month.atDay(1).atStartOfDay(zone);
    ZonedDateTime end = month.plusMonths(1).atDay(1).atStartOfDay(zone);
    return new Period("m:" + month, start.toInstant(), end.toInstant());
  }
}
