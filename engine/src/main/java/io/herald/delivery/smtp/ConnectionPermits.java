package io.herald.delivery.smtp;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code max} senders on one route at once; the others wait, first come first served, for
 * at most {@code maxWait}. This is a bulkhead, as Resilience4j's is, but without a timed park per
 * waiter: under load most messages wait for a connection, and on a virtual thread a timed wait
 * costs the JDK's delay scheduler a timer set and cancelled and a thread wake-up — measured at
 * about a tenth of Herald's CPU during a campaign (see bench/RESULTS.md). Here a waiter parks
 * untimed; a finishing sender hands its permit straight to the oldest waiter, and {@link
 * #expireDue} (a sweep on the transport's timer, like {@link IoDeadlines}) turns away the waiters
 * whose time is up, so a wait is kept to within one sweep interval.
 */
final class ConnectionPermits {
  private static final int WAITING = 0;
  private static final int GRANTED = 1;
  private static final int TURNED_AWAY = 2;

  private final Semaphore free;
  private final long maxWaitNanos;
  private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  ConnectionPermits(int max, Duration maxWait) {
    if (max < 1) {
      throw new IllegalArgumentException("at least one permit, got " + max);
    }
    this.free = new Semaphore(max);
    this.maxWaitNanos = maxWait.toNanos();
  }

  private static final class Waiter {
    final Thread thread = Thread.currentThread();
    final long deadline;
    final AtomicInteger state = new AtomicInteger(WAITING);

    Waiter(long deadline) {
      this.deadline = deadline;
    }
  }

  /**
   * A permit, to be given back with {@link #release()}; false when none came in time, the permits
   * were closed, or the thread was interrupted while waiting (its flag is then set again).
   */
  boolean acquire() {
    if (closed) {
      return false;
    }
    if (free.tryAcquire()) {
      return true;
    }
    Waiter me = new Waiter(System.nanoTime() + maxWaitNanos);
    waiters.add(me);
    // A permit given back between the first try and joining the queue went to the semaphore, as
    // the queue looked empty then: take it now rather than wait for the next one.
    if (free.tryAcquire()) {
      if (me.state.compareAndSet(WAITING, TURNED_AWAY)) {
        waiters.remove(me);
      } else {
        release(); // handed one meanwhile as well: one is enough
      }
      return true;
    }
    if (closed) {
      turnAway(me);
    }
    boolean interrupted = false;
    while (me.state.get() == WAITING) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
        if (turnAway(me)) {
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return me.state.get() == GRANTED;
  }

  /** Gives a permit back: to the oldest waiter when there is one. */
  void release() {
    for (Waiter w = waiters.poll(); w != null; w = waiters.poll()) {
      if (w.state.compareAndSet(WAITING, GRANTED)) {
        LockSupport.unpark(w.thread);
        return;
      }
    }
    free.release();
  }

  /** Turns away the waiters whose deadline is before {@code nowNanos} ({@link System#nanoTime}). */
  void expireDue(long nowNanos) {
    for (Waiter w : waiters) {
      if (nowNanos - w.deadline > 0) {
        turnAway(w);
      }
    }
  }

  /** Turns every waiter away, and every later caller. */
  void close() {
    closed = true;
    for (Waiter w : waiters) {
      turnAway(w);
    }
  }

  int waiting() {
    return (int) waiters.stream().filter(w -> w.state.get() == WAITING).count();
  }

  private boolean turnAway(Waiter w) {
    if (w.state.compareAndSet(WAITING, TURNED_AWAY)) {
      waiters.remove(w);
      LockSupport.unpark(w.thread);
      return true;
    }
    return false;
  }
}
