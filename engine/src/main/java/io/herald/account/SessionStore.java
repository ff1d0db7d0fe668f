package io.herald.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where sessions are kept (Redis in production), by a hash of their id: the id itself, which is
 * what a browser presents, is never stored. Each entry expires by itself after {@code keep}.
 */
public interface SessionStore {
  void put(String idHash, Session session, Duration keep);

  Optional<Session> find(String idHash);

  /** Records a request; keeps the session {@code keep} longer. */
  void touch(String idHash, Instant seen, Duration keep);

  void delete(String idHash);

  /**
   * Counts one event under {@code key} in the fixed window {@code window} (its number), and returns
   * the count so far in that window; counts of past windows disappear by themselves. For sign-in
   * limits that hold for all nodes together.
   */
  long count(String key, long window, Duration keep);

  /** The count under {@code key} in window {@code window} so far, without counting. */
  long peek(String key, long window);
}
