package io.herald.relay.internal;

import io.herald.relay.RelaySettings;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed AUTHs per client (an IPv4 address, an IPv6 /64), shared by all connections of one server:
 * the delay before each failure's reply grows with the client's failures, and a client whose
 * failures and attempts in flight reach {@code maxAuthFailures} is refused until {@code
 * authFailureWindow} has passed since its last failure. Attempts in flight count, so parallel
 * connections cannot all guess at once. A success forgets nothing: it would otherwise let a client
 * with one valid account reset its count between guesses at others.
 */
final class AuthFailures {

  /** More clients than this are not remembered; the oldest are forgotten first. */
  private static final int MAX_CLIENTS = 100_000;

  /** The delay doubles with each failure up to 2^5 = 32 times the first. */
  private static final int MAX_DOUBLINGS = 5;

  private final Duration firstDelay;
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<ClientRange, Client> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ClientRange, Client> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  AuthFailures(RelaySettings settings, Clock clock) {
    this.firstDelay = settings.authFailureDelay();
    this.maxFailures = settings.maxAuthFailures();
    this.window = settings.authFailureWindow();
    this.clock = clock;
  }

  /**
   * Before the backend checks credentials: counts the attempt in flight and returns true, or
   * returns false when the client must be refused.
   */
  synchronized boolean tryBegin(InetAddress address) {
    Client client = current(ClientRange.of(address, 4));
    if (client.failures + client.inFlight >= maxFailures) {
      return false;
    }
    client.inFlight++;
    return true;
  }

  /**
   * After the backend answered (or failed) an attempt that {@link #tryBegin} let through.
   *
   * @param failed true when the backend refused the credentials; a backend that could not check
   *     them counts no failure, so an outage does not lock every client out
   */
  synchronized void end(InetAddress address, boolean failed) {
    Client client = current(ClientRange.of(address, 4));
    client.inFlight = Math.max(0, client.inFlight - 1);
    if (failed) {
      client.failures++;
      client.lastFailure = clock.instant();
    }
  }

  /** How long the reply to the client's latest failure waits: doubling per failure. */
  synchronized Duration delay(InetAddress address) {
    Client client = clients.get(ClientRange.of(address, 4));
    int failures = client == null ? 1 : Math.max(1, client.failures);
    return firstDelay.multipliedBy(1L << Math.min(failures - 1, MAX_DOUBLINGS));
  }

  /** The client's record, its failures forgotten once the window passed since the last one. */
  private Client current(ClientRange range) {
    Client client = clients.computeIfAbsent(range, key -> new Client());
    if (client.lastFailure != null && !clock.instant().isBefore(client.lastFailure.plus(window))) {
      client.failures = 0;
      client.lastFailure = null;
    }
    return client;
  }

  private static final class Client {
    int failures;
    int inFlight;
    Instant lastFailure;
  }
}
