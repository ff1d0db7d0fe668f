package io.herald.account;

import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Creates accounts and authenticates API keys. An account is made with one key, named {@code
 * default}; the key is shown once, at creation; only its hash is stored, so it can never be
 * retrieved later, only replaced ({@link ApiKeys}).
 */
public final class Accounts {
  private static final int MAX_NAME_LENGTH = 100;
  static final String FIRST_KEY_NAME = "default";

  private final AccountStore store;
  private final ApiKeys keys;
  private final Clock clock;
  private final RandomGenerator random;

  public Accounts(AccountStore store, ApiKeys keys, Clock clock, RandomGenerator random) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    this.random = random;
  }

  /** The new account and its API key in clear, which the caller shows once. */
  public record Created(Account account, ApiKey key, String apiKey) {}

  /** Why an account could not be created, in words for the user. */
  public static final class AccountRefused extends Exception {
    public AccountRefused(String message) {
      super(message);
    }
  }

  public Created create(String name) throws AccountRefused {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      throw new AccountRefused("account name must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new AccountRefused("account name must not contain control characters");
    }
    Account account = new Account(AccountId.random(random), trimmed, clock.instant());
    ApiKeys.Created first = keys.make(FIRST_KEY_NAME);
    if (!store.create(account, first.key(), Secrets.hash(first.secret()))) {
      throw new AccountRefused("an account named \"" + trimmed + "\" already exists");
    }
    return new Created(account, first.key(), first.secret());
  }

  /** The account whose live API key this is, or empty. */
  public Optional<Account> authenticate(String apiKey) {
    return keys.authenticate(apiKey).map(Caller::account);
  }

  /** The account's API keys. */
  public ApiKeys keys() {
    return keys;
  }
}
