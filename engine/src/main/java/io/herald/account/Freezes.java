package io.herald.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Freezing accounts (R8): an administrator stops an account from sending, with a reason kept in the
 * account and in its audit trail. The sending paths ask {@link #isFrozen}, which answers from a
 * per-node cache of {@code cacheFor}: a freeze made on another node takes effect here within that
 * time, one made on this node at once. What else a freeze or an unfreeze does (pausing campaigns,
 * letting held mail go) is the composition root's {@link Effects}.
 */
public final class Freezes {
  /**
   * How stale a node's view of a freeze may be: a freeze made on another node stops this node's
   * relay and transactional workers within this time.
   */
  public static final Duration CACHE_FOR = Duration.ofSeconds(5);

  static final int MAX_REASON_LENGTH = 500;
  static final int MAX_BY_LENGTH = 100;
  private static final int MAX_CACHED = 100_000;

  /** What happens to an account's work when it is frozen or unfrozen. */
  public interface Effects {
    void frozen(Account account, Freeze freeze);

    void unfrozen(Account account);
  }

  private record Cached(boolean frozen, Instant until) {}

  private final AccountStore store;
  private final Clock clock;
  private final Duration cacheFor;
  private final Effects effects;
  private final Map<AccountId, Cached> cache = new ConcurrentHashMap<>();

  public Freezes(AccountStore store, Clock clock, Duration cacheFor, Effects effects) {
    this.store = store;
    this.clock = clock;
    this.cacheFor = cacheFor;
    this.effects = effects;
  }

  /** Freezes the account (again, with a new reason, if it was); the account as it is now. */
  public Account freeze(AccountId id, String reason, String by) throws Refusal {
    Freeze freeze =
        new Freeze(
            Refusal.oneLine("reason", reason, MAX_REASON_LENGTH),
            clock.instant(),
            Refusal.oneLine("by", by, MAX_BY_LENGTH));
    Account account =
        store
            .setFrozen(id, Optional.of(freeze))
            .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "no account " + id));
    cache.remove(id);
    store.audit(id, new AccountEvent(freeze.at(), "frozen", freeze.by(), freeze.reason()));
    effects.frozen(account, freeze);
    return account;
  }

  /** Lifts the freeze; nothing changes for an account that is not frozen. */
  public Account unfreeze(AccountId id, String by) throws Refusal {
    String who = Refusal.oneLine("by", by, MAX_BY_LENGTH);
    Account current =
        store.find(id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "no account " + id));
    if (current.frozen().isEmpty()) {
      return current;
    }
    Account account =
        store
            .setFrozen(id, Optional.empty())
            .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "no account " + id));
    cache.remove(id);
    store.audit(
        id, new AccountEvent(clock.instant(), "unfrozen", who, current.frozen().get().reason()));
    effects.unfrozen(account);
    return account;
  }

  /** Whether the account is frozen, as of at most {@code cacheFor} ago (see the class comment). */
  public boolean isFrozen(AccountId id) {
    Instant now = clock.instant();
    Cached cached = cache.get(id);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.frozen();
    }
    boolean frozen = store.find(id).flatMap(Account::frozen).isPresent();
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(id, new Cached(frozen, now.plus(cacheFor)));
    return frozen;
  }

  public List<AccountEvent> auditTrail(AccountId id) {
    return store.auditTrail(id);
  }
}
