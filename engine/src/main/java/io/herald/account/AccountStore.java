package io.herald.account;

import java.util.List;
import java.util.Optional;

/** Where accounts, their freeze and their audit trail are kept (Redis in production). */
public interface AccountStore {
  /**
   * Stores a new account with its first API key (hash only); false, and nothing written, when the
   * name is taken.
   */
  boolean create(Account account, ApiKey firstKey, String apiKeyHash);

  Optional<Account> find(AccountId id);

  List<Account> all();

  /**
   * Sets or lifts the account's freeze; the account as it is now, or empty when there is no such
   * account (nothing is written then).
   */
  Optional<Account> setFrozen(AccountId id, Optional<Freeze> freeze);

  /** Appends to the account's audit trail (the latest {@value #AUDIT_KEPT} are kept). */
  void audit(AccountId id, AccountEvent event);

  /** The audit trail, newest first. */
  List<AccountEvent> auditTrail(AccountId id);

  int AUDIT_KEPT = 1000;

  /**
   * Removes the account and every piece of its data — lists, contacts, consents, suppressions,
   * imports — irreversibly (R12). Its API keys stop working first. False when there is no such
   * account.
   */
  boolean deleteWithAllData(AccountId id);
}
