package io.herald.account;

import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Creates accounts and authenticates API keys. The key is shown once, at creation; only its hash is
 * stored, so it can never be retrieved later, only replaced.
 */
public final class Accounts {
  private static final int MAX_NAME_LENGTH = 100;

  private final AccountStore store;
  private final Clock clock;
  private final RandomGenerator random;

  public Accounts(AccountStore store, Clock clock, RandomGenerator random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** The new account and its API key in clear, which the caller shows once. */
  public record Created(Account account, String apiKey) {}

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
    String apiKey = Secrets.generate("hk_", random);
    if (!store.create(account, Secrets.hash(apiKey))) {
      throw new AccountRefused("an account named \"" + trimmed + "\" already exists");
    }
    return new Created(account, apiKey);
  }

  public Optional<Account> authenticate(String apiKey) {
    if (apiKey == null || !apiKey.startsWith("hk_") || apiKey.length() > 100) {
      return Optional.empty();
    }
    return store.findByApiKeyHash(Secrets.hash(apiKey));
  }
}
