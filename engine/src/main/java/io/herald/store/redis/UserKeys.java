package io.herald.store.redis;

import io.herald.account.AccountId;

/**
 * The Redis keys of people who sign in to the pages (documented in {@code docs/redis-keys.md}).
 * Users and their indexes share {@code {g}}, so creating one and setting a password are single
 * scripts on a cluster too; a session and a sign-in counter are one key each, read and written
 * alone, so they have no hash tag and spread over every slot.
 */
final class UserKeys {
  private static final String PREFIX = "herald:";

  private UserKeys() {}

  /** User id → JSON {id, email, role, account, language, createdAt}. */
  static String users() {
    return PREFIX + "{g}:users";
  }

  /** Lower-cased email → user id (emails are unique across Herald). */
  static String userEmails() {
    return PREFIX + "{g}:user-emails";
  }

  /** User id → Argon2id hash (PHC string); no field until a password is set. */
  static String passwords() {
    return PREFIX + "{g}:user-passwords";
  }

  /** The ids of an account's users, so that deleting the account finds them. */
  static String accountUsers(AccountId account) {
    return PREFIX + "{g}:account-users:" + account.value();
  }

  /** A session, by the SHA-256 (hex) of its id. */
  static String session(String idHash) {
    return PREFIX + "session:" + idHash;
  }

  /** A sign-in counter: {@code kind} and a SHA-256 (hex) of what it counts, in one window. */
  static String signInCount(String key, long window) {
    return PREFIX + "signin:" + key + ":" + window;
  }
}
