package io.herald.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the API keys of accounts are kept: their hashes, names and last use (Redis). */
public interface ApiKeyStore {
  /** The outcome of adding a key. */
  enum Added {
    ADDED,
    NO_ACCOUNT,
    TOO_MANY
  }

  /** The outcome of deleting a key. */
  enum Deleted {
    DELETED,
    NOT_FOUND,
    LAST_KEY
  }

  /** Adds a key to an existing account that has fewer than {@code max} keys, in one step. */
  Added add(AccountId account, ApiKey key, String hash, int max);

  /** The account's keys, oldest first. */
  List<ApiKey> list(AccountId account);

  /**
   * Deletes the key, so that it stops working at once; refuses the account's last key unless {@code
   * allowLast}. The check and the deletion are one step.
   */
  Deleted delete(AccountId account, ApiKeyId key, boolean allowLast);

  /** The account and key id of a key hash, or empty for an unknown key. */
  Optional<Caller> findByHash(String hash);

  /** Records the key's last use, without waiting for Redis; nothing when it was deleted. */
  void touch(AccountId account, ApiKeyId key, Instant at);
}
