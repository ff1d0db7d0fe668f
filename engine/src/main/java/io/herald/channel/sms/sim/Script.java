package io.herald.channel.sms.sim;

import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.sim.SmscSimulator.ReceiptForm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;

/**
 * What the simulator is scripted to do, changed by a test while it runs (every field is safe to set
 * from another thread): the receipts it sends, and how it misbehaves on {@code submit_sm}.
 */
final class Script {
  volatile Function<String, ReceiptState> receipts = number -> ReceiptState.DELIVERED;
  volatile Duration receiptDelay = Duration.ZERO;
  volatile ReceiptForm receiptForm = ReceiptForm.TLV_AND_TEXT;
  volatile boolean receiptBeforeResponse;
  volatile boolean receiptTwice;
  volatile boolean decimalReceiptIds;
  volatile int throttleEvery;
  volatile Instant throttleUntil = Instant.MIN;
  final AtomicInteger throttleNext = new AtomicInteger();
  final AtomicInteger queueFullNext = new AtomicInteger();
  final Map<String, Integer> refused = new ConcurrentHashMap<>();
  volatile CountDownLatch held;

  /** Waits while responses are held back (at most a minute, so a forgotten release ends). */
  void awaitRelease() {
    CountDownLatch latch = held;
    if (latch != null) {
      try {
        latch.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Throws the status the script gives the {@code n}th {@code submit_sm}, if any. */
  void refuseIfScripted(SubmitSm pdu, int n, Clock clock) throws ProcessRequestException {
    Integer status = refused.get(pdu.getDestAddress());
    if (status != null) {
      throw new ProcessRequestException("refused", status);
    }
    int every = throttleEvery;
    if ((every > 0 && n % every == 0)
        || throttleNext.getAndUpdate(c -> Math.max(0, c - 1)) > 0
        || clock.instant().isBefore(throttleUntil)) {
      throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
    }
    if (queueFullNext.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
      throw new ProcessRequestException("queue full", SMPPConstant.STAT_ESME_RMSGQFUL);
    }
  }
}
