package io.herald.web.pages;

import io.herald.account.Secrets;
import io.herald.account.SessionStore;
import java.time.Clock;
import java.time.Duration;

/**
 * How often one may try to sign in (R13), counted in Redis so that the limits hold for all nodes
 * together: failed sign-ins per email address (a guessing attack on one user, from many clients)
 * and attempts per client address (one client guessing many users, or asking for many reset mails).
 * Windows are fixed 15-minute periods of the injected clock. Counters are kept under hashes, never
 * the address itself.
 */
final class SignInLimits {
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final SessionStore store;
  private final Clock clock;
  private final int failuresPerAddress;
  private final int attemptsPerClient;

  SignInLimits(SessionStore store, Clock clock, int failuresPerAddress, int attemptsPerClient) {
    this.store = store;
    this.clock = clock;
    this.failuresPerAddress = failuresPerAddress;
    this.attemptsPerClient = attemptsPerClient;
  }

  /** Counts an attempt from {@code client}; false when it is past its limit. */
  boolean attempt(String client) {
    return store.count("c:" + Secrets.hash(client), window(), WINDOW) <= attemptsPerClient;
  }

  /** Whether {@code email} may try again (fewer failures in this window than the limit). */
  boolean mayTry(String email) {
    return store.peek(address(email), window()) < failuresPerAddress;
  }

  /**
   * Counts a failed sign-in of {@code email}. Only failures count, so that a person who signs in
   * often is never locked out; someone guessing a password is, until the window ends (a reset link
   * still works meanwhile).
   */
  void failed(String email) {
    store.count(address(email), window(), WINDOW);
  }

  private static String address(String email) {
    return "a:" + Secrets.hash(email.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /** Seconds until the window ends, for {@code Retry-After}. */
  long retryAfterSeconds() {
    long now = clock.instant().getEpochSecond();
    return WINDOW.toSeconds() - now % WINDOW.toSeconds();
  }

  private long window() {
    return clock.instant().getEpochSecond() / WINDOW.toSeconds();
  }
}
