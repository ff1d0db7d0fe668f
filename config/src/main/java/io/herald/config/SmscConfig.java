package io.herald.config;

import java.time.Duration;
import java.util.Objects;

/**
 * One SMSC connection (an item of {@code sms.smsc}): where it is, how Herald binds to it (as a
 * transceiver, so receipts and replies come back on the same connection), and how hard Herald may
 * push it. {@link #toString()} leaves the password out, so a logged configuration never shows it.
 *
 * @param name how logs and metrics call this connection; unique within {@code sms.smsc}
 * @param host the SMSC's host name or address
 * @param port the SMSC's SMPP port (2775 is the usual one, 3550 often with TLS)
 * @param systemId the SMPP {@code system_id} Herald binds with (at most 15 characters)
 * @param password the SMPP password (at most 8 characters, the SMPP 3.4 limit)
 * @param systemType the SMPP {@code system_type}, often empty (at most 12 characters)
 * @param tls whether the connection is TLS from its first byte
 * @param window most {@code submit_sm} awaiting their response at once on this connection
 * @param submitsPerSecond most {@code submit_sm} per second (each part of a long SMS counts); a
 *     throttling answer halves it for a while
 * @param enquireLinkEvery silence after which Herald sends {@code enquire_link} to keep the
 *     connection (and NAT or firewall state on the way) alive and to notice a dead peer
 * @param reconnectMinBackoff first wait before binding again after a lost connection; it doubles on
 *     each failure
 * @param reconnectMaxBackoff longest wait between two bind attempts
 * @param bindTimeout how long a bind may wait for its response
 * @param responseTimeout how long a {@code submit_sm} may wait for its response before the SMS is
 *     deferred (and retried later)
 */
public record SmscConfig(
    String name,
    String host,
    int port,
    String systemId,
    String password,
    String systemType,
    boolean tls,
    int window,
    int submitsPerSecond,
    Duration enquireLinkEvery,
    Duration reconnectMinBackoff,
    Duration reconnectMaxBackoff,
    Duration bindTimeout,
    Duration responseTimeout) {

  public SmscConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(systemType, "systemType");
    Objects.requireNonNull(enquireLinkEvery, "enquireLinkEvery");
    Objects.requireNonNull(reconnectMinBackoff, "reconnectMinBackoff");
    Objects.requireNonNull(reconnectMaxBackoff, "reconnectMaxBackoff");
    Objects.requireNonNull(bindTimeout, "bindTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    if (window < 1 || submitsPerSecond < 1) {
      throw new IllegalArgumentException("window and submitsPerSecond must be positive");
    }
    if (reconnectMinBackoff.compareTo(reconnectMaxBackoff) > 0) {
      throw new IllegalArgumentException(
          "reconnectMinBackoff " + reconnectMinBackoff + " is longer than reconnectMaxBackoff");
    }
  }

  /**
   * A plain (no TLS) connection to {@code host:port} with every other setting at its default;
   * tests, the demo and the bench use it with the SMSC simulator.
   */
  public static SmscConfig of(
      String name, String host, int port, String systemId, String password) {
    return new SmscConfig(
        name,
        host,
        port,
        systemId,
        password,
        "",
        false,
        10,
        50,
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }

  /** The same connection with another window and rate. */
  public SmscConfig withLimits(int submitWindow, int perSecond) {
    return new SmscConfig(
        name,
        host,
        port,
        systemId,
        password,
        systemType,
        tls,
        submitWindow,
        perSecond,
        enquireLinkEvery,
        reconnectMinBackoff,
        reconnectMaxBackoff,
        bindTimeout,
        responseTimeout);
  }

  /** The same connection with other reconnect backoffs (tests use short ones). */
  public SmscConfig withReconnectBackoff(Duration min, Duration max) {
    return new SmscConfig(
        name,
        host,
        port,
        systemId,
        password,
        systemType,
        tls,
        window,
        submitsPerSecond,
        enquireLinkEvery,
        min,
        max,
        bindTimeout,
        responseTimeout);
  }

  @Override
  public String toString() {
    return "SmscConfig[name=%s, host=%s, port=%d, systemId=%s, password=***, systemType=%s, tls=%s, window=%d, submitsPerSecond=%d, enquireLinkEvery=%s, reconnectMinBackoff=%s, reconnectMaxBackoff=%s, bindTimeout=%s, responseTimeout=%s]"
        .formatted(
            name,
            host,
            port,
            systemId,
            systemType,
            tls,
            window,
            submitsPerSecond,
            enquireLinkEvery,
            reconnectMinBackoff,
            reconnectMaxBackoff,
            bindTimeout,
            responseTimeout);
  }
}
