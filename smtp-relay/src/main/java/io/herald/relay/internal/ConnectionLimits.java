package io.herald.relay.internal;

import io.herald.relay.RelayLimit;
import io.herald.relay.RelaySettings;
import io.herald.relay.Reply;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections in total, per client address and per client network (an IPv4 /24, an IPv6
 * /64: what one customer or one hosting machine usually holds), shared by all connections of one
 * server. The last {@code connectionReserve} slots of the total go only to networks that hold no
 * connection yet, so clients that already filled the rest cannot keep everyone else out.
 */
final class ConnectionLimits {

  /** The answer to one connection attempt. */
  enum Admission {
    ADMITTED(null, null),
    ADDRESS_FULL(
        RelayLimit.CONNECTIONS_PER_ADDRESS,
        new Reply(421, "4.7.0", "Too many connections from your address, try again later")),
    NETWORK_FULL(
        RelayLimit.CONNECTIONS_PER_NETWORK,
        new Reply(421, "4.7.0", "Too many connections from your network, try again later")),
    SERVER_FULL(
        RelayLimit.CONNECTIONS_TOTAL,
        new Reply(421, "4.7.0", "Too many connections, try again later"));

    private final RelayLimit limit;
    private final Reply refusal;

    Admission(RelayLimit limit, Reply refusal) {
      this.limit = limit;
      this.refusal = refusal;
    }

    /** The limit that refused the connection; null for {@link #ADMITTED}. */
    RelayLimit limit() {
      return limit;
    }

    /** The reply that refuses the connection; null for {@link #ADMITTED}. */
    Reply refusal() {
      return refusal;
    }
  }

  private final int maxTotal;
  private final int maxPerAddress;
  private final int maxPerNetwork;
  private final int reserve;
  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  private final Map<ClientRange, Integer> perNetwork = new HashMap<>();
  private int total;

  ConnectionLimits(RelaySettings settings) {
    this.maxTotal = settings.maxConnections();
    this.maxPerAddress = settings.maxConnectionsPerIp();
    this.maxPerNetwork = settings.maxConnectionsPerNetwork();
    this.reserve = settings.connectionReserve();
  }

  /** Counts the connection and returns {@link Admission#ADMITTED}, or refuses without counting. */
  synchronized Admission tryAcquire(InetAddress address) {
    ClientRange network = ClientRange.of(address, 3);
    int fromNetwork = perNetwork.getOrDefault(network, 0);
    int fromAddress = perAddress.getOrDefault(address, 0);
    // The narrowest limit reached is named: it is the one the client can do something about.
    if (fromAddress >= maxPerAddress) {
      return Admission.ADDRESS_FULL;
    }
    if (fromNetwork >= maxPerNetwork) {
      return Admission.NETWORK_FULL;
    }
    if (total >= maxTotal || (total >= maxTotal - reserve && fromNetwork > 0)) {
      return Admission.SERVER_FULL;
    }
    perAddress.put(address, fromAddress + 1);
    perNetwork.put(network, fromNetwork + 1);
    total++;
    return Admission.ADMITTED;
  }

  /** Forgets a connection that {@link #tryAcquire} admitted. */
  synchronized void release(InetAddress address) {
    perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    perNetwork.computeIfPresent(
        ClientRange.of(address, 3), (key, count) -> count == 1 ? null : count - 1);
    total--;
  }

  synchronized int open() {
    return total;
  }
}
