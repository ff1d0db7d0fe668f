package io.herald.canary;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the canaries under watch every {@code checkEvery} on this node. Every node runs one; they
 * cannot take a decision twice (see {@link Canaries}), and a window survives restarts because it
 * lives in Redis, not here. Time inside a decision comes from the injected clock; the interval
 * between rounds is real time.
 */
public final class CanaryMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CanaryMonitor.class);

  private final Thread thread;

  public CanaryMonitor(Canaries canaries, Duration checkEvery) {
    this.thread =
        Thread.ofVirtual()
            .name("canary-monitor")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      canaries.evaluateAll();
                    } catch (RuntimeException | Error e) {
                      // An Error must not end the monitor: no canary would ever be decided.
                      log.warn("canary scoring failed this round: {}", e.toString(), e);
                    }
                    try {
                      Thread.sleep(checkEvery);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
