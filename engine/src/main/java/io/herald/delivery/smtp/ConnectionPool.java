package io.herald.delivery.smtp;

import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The open sessions to one route, reused for many messages. {@link ConnectionPermits} admit at most
 * {@code maxConnections} holders at once; the other senders queue their message (up to {@code
 * maxWait}), and a holder sends queued ones on its session after its own. Since a holder opens a
 * session only when none is idle, there are never more sessions than holders. The most recently
 * used idle session is taken first so surplus ones age out: a session idle longer than {@code
 * idleTimeout} is closed, and one idle longer than {@link #PROBE_AFTER} is checked with a NOOP
 * before it carries a message.
 */
final class ConnectionPool implements AutoCloseable {
  /** A session this quiet may have been dropped by the server; busy ones are not probed. */
  static final Duration PROBE_AFTER = Duration.ofSeconds(2);

  /** Messages a holder sends in a row (its own and queued ones) before another sender holds. */
  static final int MAX_SERVED = 16;

  private final String key;
  private final ConnectionPermits permits;
  private final SmtpConnector connector;
  private final SmtpMetrics metrics;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Deque<SmtpConnection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ConnectionPool(
      String key,
      int maxConnections,
      Duration maxWait,
      SmtpConnector connector,
      SmtpMetrics metrics,
      Clock clock,
      Duration idleTimeout) {
    this.key = key;
    this.permits = new ConnectionPermits(maxConnections, maxWait);
    this.connector = connector;
    this.metrics = metrics;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }

  Attempt send(List<HostPort> servers, Envelope envelope, byte[] rfc822) {
    return switch (permits.enter(envelope, rfc822)) {
      case ConnectionPermits.Turn.Served served -> served.attempt();
      case ConnectionPermits.Turn.TurnedAway away ->
          Attempt.local(
              new SendOutcome.Deferred(
                  "all connections to " + key + " busy", false, Duration.ZERO));
      case ConnectionPermits.Turn.Hold hold -> hold(servers, envelope, rfc822);
    };
  }

  /**
   * With a permit: sends this sender's message, then the queued ones on the same connection (a few,
   * so that this sender's own outcome is not held up for long), then gives the permit back.
   */
  private Attempt hold(List<HostPort> servers, Envelope envelope, byte[] rfc822) {
    Session session = new Session(servers);
    try {
      Attempt own;
      try {
        own = session.send(envelope, rfc822);
      } catch (RuntimeException e) {
        session.discard();
        throw e;
      }
      Attempt last = own;
      // After a connection failure the queued senders wait for their own turn (and the circuit
      // breaker) rather than for one holder's connection attempts one after another.
      for (int served = 1;
          served < MAX_SERVED && last.kind() != Attempt.Kind.CONNECTION_FAILURE;
          served++) {
        ConnectionPermits.Queued next = permits.nextQueued();
        if (next == null) {
          break;
        }
        Attempt attempt = Attempt.connectionFailure("the sending thread failed");
        try {
          attempt = session.send(next.envelope(), next.rfc822());
        } catch (RuntimeException e) {
          session.discard(); // in an unknown state: not reused
          attempt = Attempt.connectionFailure(Failures.describe(e));
        } finally {
          next.complete(attempt); // its sender waits for exactly this, whatever happened
        }
        last = attempt;
      }
      return own;
    } finally {
      session.end();
      permits.release();
    }
  }

  /** The connection a holder sends on, opened or taken from the idle ones as needed. */
  private final class Session {
    private final List<HostPort> servers;
    private SmtpConnection connection;

    Session(List<HostPort> servers) {
      this.servers = servers;
    }

    Attempt send(Envelope envelope, byte[] rfc822) {
      if (connection != null && connection.broken()) {
        connection.close();
        connection = null;
      }
      if (connection == null) {
        connection = idleConnection();
      }
      if (connection == null) {
        switch (connector.open(servers)) {
          case SmtpConnector.Opening.Opened o -> {
            metrics.connectionOpened(key);
            connection = o.connection();
          }
          case SmtpConnector.Opening.Failed f -> {
            metrics.connectionFailed(key);
            return f.attempt();
          }
        }
      }
      return connection.send(envelope, rfc822, clock.instant());
    }

    void discard() {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    }

    void end() {
      if (connection != null) {
        release(connection);
      }
    }
  }

  private SmtpConnection idleConnection() {
    for (SmtpConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      Duration quiet = Duration.between(c.lastUsed(), clock.instant());
      if (quiet.compareTo(idleTimeout) < 0 && (quiet.compareTo(PROBE_AFTER) < 0 || c.alive())) {
        return c;
      }
      c.close();
    }
    return null;
  }

  private void release(SmtpConnection connection) {
    if (connection.broken() || closed) {
      connection.close();
    } else {
      idle.offerFirst(connection);
      if (closed && idle.remove(connection)) {
        connection.close();
      }
    }
  }

  /** Closes the sessions idle longer than the idle timeout. */
  void evictIdle() {
    Instant now = clock.instant();
    for (SmtpConnection c : idle) {
      if (Duration.between(c.lastUsed(), now).compareTo(idleTimeout) >= 0 && idle.remove(c)) {
        c.close();
      }
    }
  }

  /** Turns away the senders that waited for a connection longer than the wait allowed. */
  void expireWaits(long nowNanos) {
    permits.expireDue(nowNanos);
  }

  int idleCount() {
    return idle.size();
  }

  @Override
  public void close() {
    closed = true;
    permits.close();
    for (SmtpConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }
}
