package io.herald.account;

import java.util.List;
import java.util.Optional;

/** Where accounts and the hashes of their API keys are kept (Redis in production). */
public interface AccountStore {
  /** Stores a new account with its key hash; false, and nothing written, when the name is taken. */
  boolean create(Account account, String apiKeyHash);

  Optional<Account> findByApiKeyHash(String apiKeyHash);

  Optional<Account> find(AccountId id);

  List<Account> all();

  /**
   * Removes the account and every piece of its data — lists, contacts, consents, suppressions,
   * imports — irreversibly (R12). Its API keys stop working first. False when there is no such
   * account.
   */
  boolean deleteWithAllData(AccountId id);
}
