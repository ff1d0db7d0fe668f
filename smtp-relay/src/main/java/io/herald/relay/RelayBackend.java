package io.herald.relay;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * What the application behind the relay decides: who may send, from and to whom, and what happens
 * to an accepted message. The relay handles the protocol; it never decides policy itself.
 *
 * <p><b>Threads.</b> Every method may block (database lookups, durable writes): the relay calls
 * them on virtual threads, never on a Netty event loop, and at most one call per connection at a
 * time, in the order of the client's commands.
 *
 * <p><b>Call order per connection.</b> {@link #trusted} once, before the greeting, and only when
 * the client's address is in a trusted network; then for each AUTH {@link #authenticate}; for each
 * transaction {@link #mailFrom}, {@link #recipient} once per RCPT, and {@link #message} once after
 * the body was received completely and within the limits.
 *
 * <p><b>Refusing.</b> Return a 4xx reply for a temporary refusal and a 5xx reply for a permanent
 * one; a 2xx reply accepts. An exception thrown by a method is logged and answered with {@link
 * Reply#TEMPORARY_FAILURE} (for {@link #authenticate}: an authentication failure), so a bug in the
 * backend never makes the client believe a message was accepted.
 */
public interface RelayBackend {

  /**
   * Checks a user name and password from AUTH PLAIN or AUTH LOGIN.
   *
   * @return the sending principal, or empty when the credentials are wrong
   */
  Optional<Principal> authenticate(String user, String password, ConnectionInfo connection);

  /**
   * The principal for a client connecting from a trusted network (tools that cannot AUTH). Empty
   * means the network is trusted for nothing: the session continues unauthenticated.
   */
  default Optional<Principal> trusted(ConnectionInfo connection) {
    return Optional.empty();
  }

  /**
   * Accepts or refuses the reverse path of a new transaction. The relay already checked the syntax
   * and the SIZE and BODY parameters.
   *
   * @param parameters the ESMTP parameters, keys in upper case
   */
  Reply mailFrom(Session session, Address sender, Map<String, String> parameters);

  /**
   * Accepts or refuses one recipient. This is where relaying policy lives: without an authenticated
   * or trusted principal, only the application's own addresses (bounces, feedback) should be
   * accepted, and {@link Address#hasRoutingCharacters()} addresses refused.
   */
  Reply recipient(Session session, Address recipient);

  /**
   * Takes a complete message. The relay answers the client with the returned reply only after this
   * method returns, so a {@code 250} must mean the message is stored durably.
   *
   * @param body valid only during this call
   */
  Reply message(Session session, Envelope envelope, MessageBody body);
}
