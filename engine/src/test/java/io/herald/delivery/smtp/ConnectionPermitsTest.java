package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * At most so many holders on a route; the others queue their message, which a holder sends for
 * them, in arrival order, or which is turned away once its wait is up.
 */
class ConnectionPermitsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static Envelope to(String who) {
    return new Envelope("bounces@herald.example", who + "@example.org");
  }

  private static byte[] body(String who) {
    return who.getBytes(StandardCharsets.US_ASCII);
  }

  private static Attempt sent(Envelope envelope) {
    return Attempt.reply(new SendOutcome.Delivered("250 " + envelope.rcptTo()));
  }

  /**
   * What a pool does with its turn: as a holder, sends its own message and up to {@code serve}
   * queued ones ({@code sending} sees each), then gives the permit back.
   */
  private static Attempt take(
      ConnectionPermits permits,
      Envelope envelope,
      int serve,
      AtomicInteger holders,
      AtomicInteger most,
      Consumer<String> sending) {
    return switch (permits.enter(envelope, body(envelope.rcptTo()))) {
      case ConnectionPermits.Turn.Served s -> s.attempt();
      case ConnectionPermits.Turn.TurnedAway t -> null;
      case ConnectionPermits.Turn.Hold h -> {
        most.accumulateAndGet(holders.incrementAndGet(), Math::max);
        try {
          sending.accept(envelope.rcptTo());
          Thread.yield();
          for (int i = 0; i < serve; i++) {
            ConnectionPermits.Queued next = permits.nextQueued();
            if (next == null) {
              break;
            }
            assertThat(new String(next.rfc822(), StandardCharsets.US_ASCII))
                .isEqualTo(next.envelope().rcptTo());
            sending.accept(next.envelope().rcptTo());
            next.complete(sent(next.envelope()));
          }
          yield sent(envelope);
        } finally {
          holders.decrementAndGet();
          permits.release();
        }
      }
    };
  }

  @Test
  void neverMoreHoldersThanPermitsAndEveryMessageGetsItsOwnAttemptOnce() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(3, MINUTE);
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Map<String, Integer> sendings = new ConcurrentHashMap<>();
    List<Thread> threads =
        IntStream.range(0, 200)
            .mapToObj(
                i ->
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              for (int round = 0; round < 30; round++) {
                                Envelope mine = to("r" + i + "-" + round);
                                Attempt attempt =
                                    take(
                                        permits,
                                        mine,
                                        4,
                                        holders,
                                        most,
                                        r -> sendings.merge(r, 1, Integer::sum));
                                assertThat(attempt).isEqualTo(sent(mine));
                              }
                            }))
            .toList();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(30))).isTrue();
    }
    // Every message was sent exactly once, by its own sender or by a holder for it.
    assertThat(sendings).hasSize(200 * 30).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    assertThat(most.get()).isBetween(1, 3);
    assertThat(permits.waiting()).isZero();
    // All three permits came back: three can hold at once again, a fourth queues.
    for (int i = 0; i < 3; i++) {
      assertThat(permits.enter(to("h" + i), body("h")))
          .isInstanceOf(ConnectionPermits.Turn.Hold.class);
    }
    CompletableFuture<ConnectionPermits.Turn> fourth = enter(permits, "fourth");
    awaitWaiting(permits, 1);
    permits.expireDue(System.nanoTime() + MINUTE.toNanos() + 1);
    assertThat(fourth.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ConnectionPermits.Turn.TurnedAway.class);
  }

  @Test
  void aHolderServesTheQueueInArrivalOrderAndThenHandsOverItsPermit() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    assertThat(permits.enter(to("first"), body("first")))
        .isInstanceOf(ConnectionPermits.Turn.Hold.class);
    List<CompletableFuture<ConnectionPermits.Turn>> queued = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(enter(permits, "q" + i));
      awaitWaiting(permits, i + 1);
    }
    // The holder sends three queued messages itself, oldest first, then lets the next one hold.
    for (int i = 0; i < 3; i++) {
      ConnectionPermits.Queued next = permits.nextQueued();
      assertThat(next.envelope()).isEqualTo(to("q" + i));
      next.complete(sent(next.envelope()));
      assertThat(queued.get(i).get(10, TimeUnit.SECONDS))
          .isEqualTo(new ConnectionPermits.Turn.Served(sent(to("q" + i))));
    }
    permits.release();
    assertThat(queued.get(3).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ConnectionPermits.Turn.Hold.class);
    assertThat(queued.get(4)).isNotDone();
    permits.release();
    assertThat(queued.get(4).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ConnectionPermits.Turn.Hold.class);
  }

  @Test
  void aQueuedMessageIsTurnedAwayOnceItsTimeIsUpAndOnlyThen() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    Entering b = heldAndQueued(permits);
    permits.expireDue(System.nanoTime()); // not due yet
    assertThat(permits.waiting()).isEqualTo(1);
    permits.expireDue(System.nanoTime() + MINUTE.toNanos() + 1);
    assertThat(b.turn().get(10, TimeUnit.SECONDS))
        .isEqualTo(new ConnectionPermits.Turn.TurnedAway().toString());
    assertThat(permits.nextQueued()).isNull();
    // The permit that was held is still the only one: given back, it is free again.
    permits.release();
    assertThat(permits.enter(to("c"), body("c"))).isInstanceOf(ConnectionPermits.Turn.Hold.class);
  }

  @Test
  void aTakenMessageIsWaitedForEvenWhenItsTimeIsUpOrItsThreadInterrupted() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    Entering b = heldAndQueued(permits);
    ConnectionPermits.Queued taken = permits.nextQueued();
    permits.expireDue(System.nanoTime() + MINUTE.toNanos() + 1);
    b.thread().interrupt();
    assertThat(b.turn()).isNotDone();
    taken.complete(sent(to("b")));
    assertThat(b.turn().get(10, TimeUnit.SECONDS))
        .isEqualTo(new ConnectionPermits.Turn.Served(sent(to("b"))) + " interrupted");
  }

  @Test
  void anInterruptedQueuedSenderLeavesUnservedAndKeepsItsFlag() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    Entering b = heldAndQueued(permits);
    b.thread().interrupt();
    assertThat(b.turn().get(10, TimeUnit.SECONDS))
        .isEqualTo(new ConnectionPermits.Turn.TurnedAway() + " interrupted");
    assertThat(permits.nextQueued()).isNull();
  }

  @Test
  void closingTurnsAwayTheQueuedAndLaterSenders() throws Exception {
    ConnectionPermits permits = new ConnectionPermits(1, MINUTE);
    Entering b = heldAndQueued(permits);
    permits.close();
    assertThat(b.turn().get(10, TimeUnit.SECONDS))
        .isEqualTo(new ConnectionPermits.Turn.TurnedAway().toString());
    permits.release();
    assertThat(permits.enter(to("c"), body("c")))
        .isInstanceOf(ConnectionPermits.Turn.TurnedAway.class);
  }

  /** "a" holds the only permit, and "b" waits for it. */
  private static Entering heldAndQueued(ConnectionPermits permits) {
    assertThat(permits.enter(to("a"), body("a"))).isInstanceOf(ConnectionPermits.Turn.Hold.class);
    Entering b = entering(permits, "b");
    awaitWaiting(permits, 1);
    return b;
  }

  private static CompletableFuture<ConnectionPermits.Turn> enter(
      ConnectionPermits permits, String who) {
    CompletableFuture<ConnectionPermits.Turn> result = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> result.complete(permits.enter(to(who), body(who))));
    return result;
  }

  /** A sender entering on its own thread; its turn comes with whether it was interrupted. */
  private record Entering(Thread thread, CompletableFuture<String> turn) {}

  private static Entering entering(ConnectionPermits permits, String who) {
    CompletableFuture<String> turn = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .start(
                () -> {
                  ConnectionPermits.Turn t = permits.enter(to(who), body(who));
                  turn.complete(t + (Thread.currentThread().isInterrupted() ? " interrupted" : ""));
                });
    return new Entering(thread, turn);
  }

  /** Until {@code count} senders are queued (bounded: a queued one never leaves by itself). */
  private static void awaitWaiting(ConnectionPermits permits, int count) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (permits.waiting() < count) {
      assertThat(System.nanoTime()).as("senders queued in time").isLessThan(end);
      Thread.yield();
    }
  }
}
