package io.herald.app;

import java.io.IOException;
import java.util.random.RandomGenerator;

/**
 * A queue consumer name unique to this process, so a restarted node does not take over its past.
 */
final class ConsumerName {
  private ConsumerName() {}

  static String of(RandomGenerator random) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "node";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(random.nextInt());
  }
}
