package io.herald.channel.sms;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code unknown} (or the worst failure a part reported) to SMS whose receipts did not all
 * come within the receipt timeout, every {@code every} on this node ({@link
 * SmsFeedback#applyTimeouts}). Every node runs one; the store hands each message to one of them, so
 * running it everywhere decides nothing twice. Deadlines are on the injected clock; the interval
 * between rounds is real time.
 */
public final class SmsReceiptTimeouts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmsReceiptTimeouts.class);

  /** Messages taken per step; a round goes on while steps come back full. */
  static final int BATCH = 500;

  private final Thread thread;

  public SmsReceiptTimeouts(SmsFeedback feedback, Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the sweep interval must be positive");
    }
    this.thread =
        Thread.ofVirtual()
            .name("sms-receipt-timeouts")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      while (feedback.applyTimeouts(BATCH) == BATCH
                          && !Thread.currentThread().isInterrupted()) {
                        // a backlog (a node was down for a while): go on until it is drained
                      }
                    } catch (RuntimeException | Error e) {
                      // An Error must not end the sweep: no message would ever time out.
                      log.warn("SMS receipt timeouts failed this round: {}", e.toString(), e);
                    }
                    try {
                      Thread.sleep(every);
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
