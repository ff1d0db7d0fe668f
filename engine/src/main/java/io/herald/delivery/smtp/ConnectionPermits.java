package io.herald.delivery.smtp;

import io.herald.delivery.Envelope;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Who may use a route's connections: at most {@code max} holders at once; every other sender queues
 * its message, first come first served, for at most {@code maxWait}. A holder, once its own message
 * is sent, takes the queued messages and sends them on the same connection itself ({@link
 * #nextQueued}), up to a limit, before it lets the next sender hold; each queued sender is woken
 * with its message's attempt. So a busy connection goes from one message to the next without
 * waiting for another thread to be scheduled, which under load was most of the time a connection
 * spent between two messages.
 *
 * <p>This is a bulkhead, as Resilience4j's is, but without a timed park per waiter: on a virtual
 * thread a timed wait costs the JDK's delay scheduler a timer set and cancelled and a thread
 * wake-up, about a tenth of Herald's CPU during a campaign. A waiter parks untimed, and {@link
 * #expireDue} (a sweep on the transport's timer, like {@link IoDeadlines}) turns away the ones
 * whose time is up and whose message no holder has taken; a taken message's wait is bounded by the
 * holder's own timeouts.
 */
final class ConnectionPermits {
  private static final int WAITING = 0;
  private static final int HOLDING = 1;
  private static final int TAKEN = 2;
  private static final int DONE = 3;
  private static final int TURNED_AWAY = 4;

  private final Semaphore free;
  private final long maxWaitNanos;
  private final Queue<Queued> queue = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  ConnectionPermits(int max, Duration maxWait) {
    if (max < 1) {
      throw new IllegalArgumentException("at least one permit, got " + max);
    }
    this.free = new Semaphore(max);
    this.maxWaitNanos = maxWait.toNanos();
  }

  /** How a sender's turn came. */
  sealed interface Turn {
    /** The sender holds a permit: it sends its own message, then serves the queue. */
    record Hold() implements Turn {}

    /** A holder sent the message; this is its attempt. */
    record Served(Attempt attempt) implements Turn {}

    /** No permit came in time, the permits were closed, or the thread was interrupted. */
    record TurnedAway() implements Turn {}
  }

  /** A message waiting for a holder, handed to one by {@link #nextQueued}. */
  static final class Queued {
    private final Thread thread = Thread.currentThread();
    private final long deadline;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final Envelope envelope;
    private final byte[] rfc822;
    private volatile Attempt attempt;

    private Queued(Envelope envelope, byte[] rfc822, long deadline) {
      this.envelope = envelope;
      this.rfc822 = rfc822;
      this.deadline = deadline;
    }

    Envelope envelope() {
      return envelope;
    }

    byte[] rfc822() {
      return rfc822;
    }

    /** The attempt of a taken message; its sender is woken with it. */
    void complete(Attempt result) {
      attempt = result;
      state.set(DONE);
      LockSupport.unpark(thread);
    }
  }

  /**
   * Waits for this sender's turn (the interrupt flag, when it ended the wait, is set again).
   *
   * @return {@link Turn.Hold}: give the permit back with {@link #release()} after serving
   */
  Turn enter(Envelope envelope, byte[] rfc822) {
    if (closed) {
      return new Turn.TurnedAway();
    }
    if (free.tryAcquire()) {
      return new Turn.Hold();
    }
    Queued me = new Queued(envelope, rfc822, System.nanoTime() + maxWaitNanos);
    queue.add(me);
    // A permit given back between the first try and joining the queue went to the semaphore, as
    // the queue looked empty then: take it now rather than wait for the next one.
    if (free.tryAcquire()) {
      if (me.state.compareAndSet(WAITING, TURNED_AWAY)) {
        queue.remove(me);
        return new Turn.Hold();
      }
      free.release(); // a holder took the message or handed over its permit meanwhile
    }
    if (closed) {
      turnAway(me);
    }
    boolean interrupted = false;
    int state;
    while ((state = me.state.get()) == WAITING || state == TAKEN) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
        // A taken message is being sent: its attempt is waited for (bounded by the holder's
        // timeouts), or it could go out twice.
        if (turnAway(me)) {
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return switch (me.state.get()) {
      case HOLDING -> new Turn.Hold();
      case DONE -> new Turn.Served(me.attempt);
      default -> new Turn.TurnedAway();
    };
  }

  /** For a holder: the oldest queued message, now its to send and complete; null when none. */
  Queued nextQueued() {
    for (Queued q = queue.poll(); q != null; q = queue.poll()) {
      if (q.state.compareAndSet(WAITING, TAKEN)) {
        return q;
      }
    }
    return null;
  }

  /** A holder gives its permit back: to the oldest queued sender when there is one. */
  void release() {
    for (Queued q = queue.poll(); q != null; q = queue.poll()) {
      if (q.state.compareAndSet(WAITING, HOLDING)) {
        LockSupport.unpark(q.thread);
        return;
      }
    }
    free.release();
  }

  /** Turns away the queued senders whose deadline is before {@code nowNanos} (nanoTime). */
  void expireDue(long nowNanos) {
    for (Queued q : queue) {
      if (nowNanos - q.deadline > 0) {
        turnAway(q);
      }
    }
  }

  /** Turns every queued sender away, and every later one. */
  void close() {
    closed = true;
    for (Queued q : queue) {
      turnAway(q);
    }
  }

  /** Senders whose message waits for a holder. */
  int waiting() {
    return (int) queue.stream().filter(q -> q.state.get() == WAITING).count();
  }

  private boolean turnAway(Queued q) {
    if (q.state.compareAndSet(WAITING, TURNED_AWAY)) {
      queue.remove(q);
      LockSupport.unpark(q.thread);
      return true;
    }
    return false;
  }
}
