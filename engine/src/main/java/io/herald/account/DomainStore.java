package io.herald.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where accounts' sending domains are kept (Redis in production): each account's domains, and one
 * owner index that says which account has verified each domain now — one at a time.
 */
public interface DomainStore {
  /** Stores a new domain of the account; false, and nothing written, when it has it already. */
  boolean add(SendingDomain domain);

  Optional<SendingDomain> find(AccountId account, String name);

  /** The account's domains by name. */
  List<SendingDomain> list(AccountId account);

  /** Replaces the account's record of the domain (after a verification). */
  void update(SendingDomain domain);

  /** The account that has verified each of these names, for those some account has. */
  Map<String, AccountId> owners(List<String> names);

  /**
   * Makes {@code account} the one account that has verified {@code name}; the account that had it
   * before, when another.
   */
  Optional<AccountId> claim(String name, AccountId account);

  /**
   * Removes the account's domain, and its place in the owner index when it holds it; false when it
   * has no such domain.
   */
  boolean delete(AccountId account, String name);
}
