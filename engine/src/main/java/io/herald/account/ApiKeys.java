package io.herald.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * An account's API keys: several per account, each named, stored only as a SHA-256 hash (R13) and
 * shown in clear once, when made. Authenticating a key also notes its last use, written at most
 * once a minute per key per node and without waiting for Redis, so it costs a request nothing.
 */
public final class ApiKeys {
  /** Most keys one account may have. */
  public static final int MAX_KEYS = 100;

  static final int MAX_NAME_LENGTH = 100;
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final int MAX_REMEMBERED_TOUCHES = 10_000;

  private final AccountStore accounts;
  private final ApiKeyStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<ApiKeyId, Instant> touched = new ConcurrentHashMap<>();

  public ApiKeys(AccountStore accounts, ApiKeyStore store, Clock clock, RandomGenerator random) {
    this.accounts = accounts;
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** A new key and its secret in clear, which the caller shows once. */
  public record Created(ApiKey key, String secret) {}

  /** A new key with its secret; not stored. */
  Created make(String name) {
    return new Created(
        new ApiKey(ApiKeyId.random(random), name, clock.instant(), Optional.empty()),
        Secrets.generate("hk_", random));
  }

  /** Adds a named key to the account; {@code by} is written in the account's audit trail. */
  public Created create(AccountId account, String name, String by) throws Refusal {
    Created created = make(Refusal.oneLine("key name", name, MAX_NAME_LENGTH));
    switch (store.add(account, created.key(), Secrets.hash(created.secret()), MAX_KEYS)) {
      case ADDED -> {}
      case NO_ACCOUNT -> throw new Refusal(Refusal.Kind.NOT_FOUND, "no account " + account);
      case TOO_MANY ->
          throw new Refusal(
              Refusal.Kind.CONFLICT, "an account may have at most " + MAX_KEYS + " API keys");
    }
    accounts.audit(
        account,
        new AccountEvent(
            clock.instant(), "key_created", by, created.key().id() + " " + created.key().name()));
    return created;
  }

  public List<ApiKey> list(AccountId account) {
    return store.list(account);
  }

  /**
   * Deletes a key of the account; it stops working at once. The account's last key may be deleted
   * only by an administrator ({@code allowLast}), who can make it a new one.
   */
  public void delete(AccountId account, ApiKeyId key, boolean allowLast, String by) throws Refusal {
    switch (store.delete(account, key, allowLast)) {
      case DELETED -> {}
      case NOT_FOUND -> throw new Refusal(Refusal.Kind.NOT_FOUND, "no API key " + key);
      case LAST_KEY ->
          throw new Refusal(
              Refusal.Kind.CONFLICT,
              "this is the account's last API key; only an administrator can delete it");
    }
    touched.remove(key);
    accounts.audit(account, new AccountEvent(clock.instant(), "key_deleted", by, key.value()));
  }

  /** The account and key of a presented secret, or empty when it is not a live key. */
  public Optional<Caller> authenticate(String secret) {
    if (secret == null || !secret.startsWith("hk_") || secret.length() > 100) {
      return Optional.empty();
    }
    Optional<Caller> caller = store.findByHash(Secrets.hash(secret));
    caller.ifPresent(this::noteUse);
    return caller;
  }

  private void noteUse(Caller caller) {
    Instant now = clock.instant();
    Instant last = touched.get(caller.key());
    if (last != null && now.isBefore(last.plus(TOUCH_EVERY))) {
      return;
    }
    if (touched.size() >= MAX_REMEMBERED_TOUCHES) {
      touched.clear(); // only costs a few extra writes; keeps the map bounded
    }
    touched.put(caller.key(), now);
    store.touch(caller.account().id(), caller.key(), now);
  }
}
