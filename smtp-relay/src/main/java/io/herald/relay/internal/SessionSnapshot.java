package io.herald.relay.internal;

import io.herald.relay.ConnectionInfo;
import io.herald.relay.Session;
import java.security.Principal;
import java.util.Optional;

/** The immutable {@link Session} handed to the backend: the session as it was at the call. */
record SessionSnapshot(
    ConnectionInfo connection,
    String heloName,
    boolean extended,
    boolean tlsActive,
    boolean trustedNetwork,
    Optional<Principal> principal,
    boolean authenticated)
    implements Session {}
