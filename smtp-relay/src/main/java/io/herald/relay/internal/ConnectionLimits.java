package io.herald.relay.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections in total and per client address, shared by all connections of one server.
 * A connection is admitted only while both counts are under their limits.
 */
final class ConnectionLimits {

  private final int maxTotal;
  private final int maxPerAddress;
  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  private int total;

  ConnectionLimits(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  /** Counts the connection and returns true, or returns false without counting it. */
  synchronized boolean tryAcquire(InetAddress address) {
    int current = perAddress.getOrDefault(address, 0);
    if (total >= maxTotal || current >= maxPerAddress) {
      return false;
    }
    perAddress.put(address, current + 1);
    total++;
    return true;
  }

  /** Forgets a connection that {@link #tryAcquire} admitted. */
  synchronized void release(InetAddress address) {
    perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    total--;
  }

  synchronized int open() {
    return total;
  }
}
