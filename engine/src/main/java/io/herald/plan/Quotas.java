package io.herald.plan;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.ContactList;
import java.time.Duration;
import java.util.Optional;

/**
 * The one place quotas are enforced (R9), before anything is sent: a campaign's whole audience when
 * it starts, each transactional message when it is accepted (HTTP API and SMTP relay alike), each
 * import before it is committed. Messages are counted per period in Redis, atomically, so a take
 * either fits whole or changes nothing — never a half-sent campaign, and two campaigns started at
 * once on two nodes cannot both take the last of a quota.
 */
public final class Quotas {
  // Counts outlive their period so that usage of past periods can still be shown and checked.
  private static final Duration KEEP_AFTER_PERIOD = Duration.ofDays(400);

  private final QuotaStore store;
  private final Plans plans;
  private final AudienceStore audience;

  public Quotas(QuotaStore store, Plans plans, AudienceStore audience) {
    this.store = store;
    this.plans = plans;
    this.audience = audience;
  }

  /** A take that may be given back (a transactional message that turned out to be a replay). */
  public record Taken(AccountId account, String periodKey, long units) {}

  /**
   * Counts {@code units} messages against the account's current period when they fit.
   *
   * @param what the subject of the refusal, e.g. "this campaign (1,200 recipients)"
   * @throws QuotaExceeded when they do not fit; nothing was counted
   */
  public Taken take(AccountId account, long units, String what) throws QuotaExceeded {
    Allowance allowance = plans.current(account);
    Period period = allowance.period();
    if (units == 0) {
      return new Taken(account, period.key(), 0);
    }
    QuotaStore.Take take =
        store.take(
            account,
            period.key(),
            units,
            allowance.messages(),
            period.end().plus(KEEP_AFTER_PERIOD));
    if (!take.granted()) {
      long left = Math.max(0, allowance.messages() - take.used());
      throw QuotaExceeded.messages(what, units, left, allowance, plans.zone());
    }
    return new Taken(account, period.key(), units);
  }

  /** Gives back what {@link #take} counted for something that will not be sent. */
  public void giveBack(Taken taken) {
    if (taken.units() > 0) {
      store.giveBack(taken.account(), taken.periodKey(), taken.units());
    }
  }

  /**
   * Why an import adding {@code adding} contacts would take the account's lists past its subscriber
   * cap, with the numbers; empty when it fits. Subscribers are the members of all the account's
   * lists (a contact on two lists counts twice, as it is two subscriptions).
   */
  public Optional<String> subscriberRefusal(AccountId account, long adding) {
    Allowance allowance = plans.current(account);
    long subscribers = subscribers(account);
    if (adding == 0 || subscribers + adding <= allowance.subscribers()) {
      return Optional.empty();
    }
    long left = Math.max(0, allowance.subscribers() - subscribers);
    return Optional.of(
        QuotaExceeded.subscribers("this import", adding, left, allowance).getMessage());
  }

  private long subscribers(AccountId account) {
    return audience.lists(account).stream().mapToLong(ContactList::members).sum();
  }

  /** The account's usage now, for the API and the CLI. */
  public Usage usage(AccountId account) {
    Subscription subscription = plans.subscription(account);
    Allowance allowance = plans.allowance(subscription);
    long subscribers = subscribers(account);
    long used = store.used(account, allowance.period().key());
    return new Usage(
        allowance.plan(),
        allowance.period().start(),
        allowance.period().end(),
        allowance.messages(),
        used,
        Math.max(0, allowance.messages() - used),
        allowance.subscribers(),
        subscribers,
        plans.zone().getId(),
        subscription.next().orElse(null),
        Money.decimal(plans.store().balance(account)),
        plans.currency());
  }
}
