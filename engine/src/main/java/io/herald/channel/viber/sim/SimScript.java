package io.herald.channel.viber.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator's switches, changed by tests and read by its handlers: the faults the next sends
 * answer with, whether callbacks go (or reports only wait to be polled), duplicates, seen before
 * delivered, the delays, and held answers (for client timeouts).
 */
final class SimScript {
  /** One injected answer to a send: an HTTP status and, for a 429, the Retry-After seconds. */
  record Fault(int status, Optional<Long> retryAfterSeconds) {}

  private final Deque<Fault> faults = new ArrayDeque<>();
  volatile boolean callbacks = true;
  volatile boolean duplicates;
  volatile boolean seenBeforeDelivered;
  volatile Duration callbackDelay = Duration.ZERO;
  volatile Duration readDelay = Duration.ofMillis(50);
  volatile Duration expiryDelay = Duration.ofMillis(200);
  volatile CountDownLatch hold = new CountDownLatch(0);

  synchronized void fail(int times, Fault fault) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  synchronized Optional<Fault> nextFault() {
    return Optional.ofNullable(faults.poll());
  }
}
