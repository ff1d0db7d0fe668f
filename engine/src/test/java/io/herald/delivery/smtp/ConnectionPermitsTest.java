package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** At most so many senders on a route; the rest wait in turn, each for a bounded time. */
class ConnectionPermitsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void neverMoreHoldersThanPermitsAndEveryoneGetsATurn() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(3, MINUTE);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    List<Thread> threads =
        IntStream.range(0, 200)
            .mapToObj(
                i ->
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              for (int round = 0; round < 50; round++) {
                                assertThat(permits.acquire()).isTrue();
                                most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                                Thread.yield();
                                holding.decrementAndGet();
                                permits.release();
                                served.incrementAndGet();
                              }
                            }))
            .toList();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(served).hasValue(200 * 50);
    assertThat(most.get()).isBetween(1, 3);
    assertThat(permits.waiting()).isZero();
    // All three permits came back: three can be held at once again, a fourth cannot.
    for (int i = 0; i < 3; i++) {
      assertThat(permits.acquire()).isTrue();
    }
    CompletableFuture<Boolean> fourth = waiter(permits);
    awaitWaiting(permits, 1);
    permits.expireDue(System.nanoTime() + MINUTE.toNanos() + 1);
    assertThat(fourth.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void waitersAreServedInArrivalOrder() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    assertThat(permits.acquire()).isTrue();
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(5);
    for (int i = 0; i < 5; i++) {
      int n = i;
      Thread.ofVirtual()
          .start(
              () -> {
                if (permits.acquire()) {
                  order.add(n);
                  permits.release();
                }
                done.countDown();
              });
      awaitWaiting(permits, i + 1);
    }
    permits.release();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void aWaitEndsWithNoPermitOnceItsTimeIsUpAndOnlyThen() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    assertThat(permits.acquire()).isTrue();
    CompletableFuture<Boolean> waiting = waiter(permits);
    awaitWaiting(permits, 1);
    permits.expireDue(System.nanoTime()); // not due yet
    assertThat(permits.waiting()).isEqualTo(1);
    permits.expireDue(System.nanoTime() + MINUTE.toNanos() + 1);
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    // The permit that was held is still the only one: giving it back makes it free again.
    permits.release();
    assertThat(permits.acquire()).isTrue();
  }

  @Test
  void anInterruptedWaiterLeavesWithoutAPermitAndKeepsItsFlag() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    assertThat(permits.acquire()).isTrue();
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread t =
        Thread.ofVirtual()
            .start(
                () ->
                    result.complete(
                        permits.acquire() + " " + Thread.currentThread().isInterrupted()));
    awaitWaiting(permits, 1);
    t.interrupt();
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("false true");
    assertThat(permits.waiting()).isZero();
  }

  @Test
  void closingTurnsAwayTheWaitingAndLaterCallers() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    assertThat(permits.acquire()).isTrue();
    CompletableFuture<Boolean> waiting = waiter(permits);
    awaitWaiting(permits, 1);
    permits.close();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    permits.release();
    assertThat(permits.acquire()).isFalse();
  }

  private static CompletableFuture<Boolean> waiter(ConnectionPermits permits) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> result.complete(permits.acquire()));
    return result;
  }

  /** Until {@code count} threads are queued (bounded: a queued thread never leaves by itself). */
  private static void awaitWaiting(ConnectionPermits permits, int count) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (permits.waiting() < count) {
      assertThat(System.nanoTime()).as("waiters queued in time").isLessThan(end);
      Thread.yield();
    }
  }
}
