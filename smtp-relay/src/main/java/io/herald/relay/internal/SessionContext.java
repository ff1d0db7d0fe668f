package io.herald.relay.internal;

import io.herald.relay.ConnectionInfo;
import io.herald.relay.Session;
import java.security.Principal;
import java.util.Optional;

/**
 * The mutable facts of one connection, confined to its event loop: the state, what the client said
 * about itself, who it is, and the counters the limits apply to.
 */
final class SessionContext {

  private final ConnectionInfo connection;
  private final boolean trustedNetwork;
  private SessionState state = new SessionState.Fresh();
  private String heloName = "";
  private boolean extended;
  private boolean tlsActive;
  private Principal trustedPrincipal;
  private Principal authenticatedPrincipal;
  private int commands;
  private int errors;

  SessionContext(ConnectionInfo connection, boolean trustedNetwork) {
    this.connection = connection;
    this.trustedNetwork = trustedNetwork;
  }

  ConnectionInfo connection() {
    return connection;
  }

  SessionState state() {
    return state;
  }

  void state(SessionState next) {
    state = next;
  }

  void greeted(String name, boolean esmtp) {
    heloName = name;
    extended = esmtp;
    state = new SessionState.Ready();
  }

  boolean greeted() {
    return !heloName.isEmpty();
  }

  boolean extended() {
    return extended;
  }

  boolean tlsActive() {
    return tlsActive;
  }

  /** RFC 3207: after the handshake forget everything the client said before it. */
  void tlsStarted() {
    tlsActive = true;
    heloName = "";
    extended = false;
    authenticatedPrincipal = null;
    state = new SessionState.Fresh();
  }

  void trustedPrincipal(Principal principal) {
    trustedPrincipal = principal;
  }

  void authenticated(Principal principal) {
    authenticatedPrincipal = principal;
  }

  boolean authenticated() {
    return authenticatedPrincipal != null;
  }

  /** Counts a command; true while within {@code max}. */
  boolean countCommand(int max) {
    return ++commands <= max;
  }

  /** Counts an error; true while within {@code max}. */
  boolean countError(int max) {
    return ++errors <= max;
  }

  String protocolName() {
    return (extended ? "ESMTP" : "SMTP")
        + (tlsActive && extended ? "S" : "")
        + (authenticated() && extended ? "A" : "");
  }

  Session snapshot() {
    Principal principal =
        authenticatedPrincipal != null ? authenticatedPrincipal : trustedPrincipal;
    return new SessionSnapshot(
        connection,
        heloName,
        extended,
        tlsActive,
        trustedNetwork,
        Optional.ofNullable(principal),
        authenticatedPrincipal != null);
  }
}
