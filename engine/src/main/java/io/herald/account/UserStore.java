package io.herald.account;

import java.util.Optional;

/** Where the people who sign in are kept (Redis in production). */
public interface UserStore {
  /** Stores a new user; false, and nothing written, when the email is taken. */
  boolean create(User user);

  Optional<User> find(UserId id);

  Optional<User> findByEmail(String email);

  /**
   * Replaces the user's password hash only if it is still {@code expected} (empty: no password
   * yet), so a link bound to the old hash sets a password once; false when it changed meanwhile or
   * there is no such user.
   */
  boolean replacePassword(UserId id, Optional<String> expected, String next);

  /**
   * Removes every user of {@code account}, with their passwords (R12: deleting an account removes
   * its data); their sessions then sign in nobody. The number removed.
   */
  long deleteOfAccount(AccountId account);

  /** Stores the user's language; false when there is no such user. */
  boolean setLanguage(UserId id, String language);
}
