package io.herald.relay;

import java.net.InetAddress;

/**
 * What the relay reports about the clients its defences met, for an application's metrics (the
 * library itself depends on no metrics library). Methods are called on Netty event loops: an
 * implementation must return at once (increment a counter; never block, never call back into the
 * relay). Every method has an empty default.
 */
public interface RelayListener {

  /** A listener that ignores everything. */
  RelayListener NONE = new RelayListener() {};

  /** An AUTH whose credentials the backend did not accept. */
  default void authFailed(InetAddress client) {}

  /** A client was refused or cut by {@code limit}. */
  default void limitReached(RelayLimit limit, InetAddress client) {}
}
