package io.herald.relay.internal;

import io.herald.relay.NetworkRange;
import io.herald.relay.RelayBackend;
import io.herald.relay.RelayListener;
import io.herald.relay.RelaySettings;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one server shares: settings, backend, the executor for blocking work,
 * the clock, the TLS context, the connection counters, the failed AUTHs per client and the listener
 * that hears of refusals. Built once by the server.
 *
 * @param blocking runs backend calls and file writes; one task per connection at a time
 * @param tls the STARTTLS context, empty when TLS is disabled
 */
public record RelayRuntime(
    RelaySettings settings,
    RelayBackend backend,
    Executor blocking,
    Clock clock,
    Optional<SslContext> tls,
    ConnectionLimits limits,
    AuthFailures authFailures,
    RelayListener listener,
    AtomicLong connectionIds) {

  /** Connections admitted and not yet seen closed. */
  public int openConnections() {
    return limits.open();
  }

  /** A runtime with fresh counters and no listener. */
  public static RelayRuntime of(
      RelaySettings settings,
      RelayBackend backend,
      Executor blocking,
      Clock clock,
      Optional<SslContext> tls) {
    return of(settings, backend, blocking, clock, tls, RelayListener.NONE);
  }

  /** A runtime with fresh counters. */
  public static RelayRuntime of(
      RelaySettings settings,
      RelayBackend backend,
      Executor blocking,
      Clock clock,
      Optional<SslContext> tls,
      RelayListener listener) {
    return new RelayRuntime(
        settings,
        backend,
        blocking,
        clock,
        tls,
        new ConnectionLimits(settings),
        new AuthFailures(settings, clock),
        listener,
        new AtomicLong());
  }

  boolean trusted(InetAddress address) {
    for (NetworkRange range : settings.trustedNetworks()) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** AUTH is offered once TLS is active, or always when plain AUTH is allowed. */
  boolean authAllowed(boolean tlsActive) {
    return tlsActive || settings.allowPlainAuth();
  }

  String nextConnectionId() {
    return Long.toString(connectionIds.incrementAndGet(), 36).toUpperCase(java.util.Locale.ROOT);
  }
}
