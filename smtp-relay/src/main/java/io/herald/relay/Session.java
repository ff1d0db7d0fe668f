package io.herald.relay;

import java.security.Principal;
import java.util.Optional;

/**
 * A read-only view of an SMTP session handed to the {@link RelayBackend} with every call.
 *
 * <p>The view is a snapshot taken when the call is made; it does not change under the backend.
 * After STARTTLS the session is reset (RFC 3207): the HELO name and any authentication are
 * forgotten, the trusted-network principal is kept because it comes from the IP address.
 */
public interface Session {

  /** The connection this session runs on. */
  ConnectionInfo connection();

  /** The name the client gave in EHLO or HELO; empty before the client greeted. */
  String heloName();

  /** True when the client used EHLO (ESMTP) rather than HELO. */
  boolean extended();

  /** True once STARTTLS has completed its handshake on this connection. */
  boolean tlsActive();

  /** True when the client's IP address is in the configured trusted networks. */
  boolean trustedNetwork();

  /**
   * Who is sending: the principal from AUTH when the client authenticated, otherwise the one the
   * backend gave for a trusted network, otherwise empty.
   */
  Optional<Principal> principal();

  /** True when {@link #principal()} comes from a successful AUTH on this session. */
  boolean authenticated();
}
