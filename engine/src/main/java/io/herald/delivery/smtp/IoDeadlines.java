package io.herald.delivery.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking socket I/O without a timer per operation. A socket read with {@code SO_TIMEOUT}
 * on a virtual thread parks with a timeout, which costs the JDK's delay scheduler a timer set and
 * cancelled (and usually a thread wake-up) each time; at thousands of messages a second that was
 * about a tenth of Herald's CPU. Here each operation only writes its deadline into its {@link
 * Watch}, and one sweep, a few times a second on the transport's timer thread, closes the socket of
 * any operation past its deadline — which ends the blocked read or write with an exception that
 * {@link Watch#timedOut()} then explains. A deadline is therefore kept to within one sweep
 * interval.
 */
final class IoDeadlines {
  static final long SWEEP_MILLIS = 200;

  private final Set<Watch> watched = ConcurrentHashMap.newKeySet();

  /** Sweeps on {@code timer} until the timer is shut down. */
  IoDeadlines(ScheduledExecutorService timer) {
    timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Watches {@code socket} until {@link Watch#close()}. */
  Watch watch(Socket socket) {
    Watch watch = new Watch(socket);
    watched.add(watch);
    return watch;
  }

  void sweep() {
    long now = System.nanoTime();
    for (Watch w : watched) {
      w.expire(now);
    }
  }

  /** The deadline of one socket's current operation, if any. */
  final class Watch implements AutoCloseable {
    private static final long NONE = Long.MIN_VALUE;

    private final Socket socket;
    private volatile long deadline = NONE;
    private volatile boolean timedOut;

    private Watch(Socket socket) {
      this.socket = socket;
    }

    /** The next blocking operation must end within {@code millis}. */
    void arm(int millis) {
      deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The operation ended in time. */
    void disarm() {
      deadline = NONE;
    }

    /** Whether the sweep closed the socket because an operation outlived its deadline. */
    boolean timedOut() {
      return timedOut;
    }

    private void expire(long now) {
      long due = deadline;
      if (due != NONE && now - due > 0) {
        timedOut = true;
        deadline = NONE;
        try {
          socket.close();
        } catch (IOException e) {
          // Closing is the deadline's whole point; a failure to close leaves nothing to do.
        }
      }
    }

    /** Stops watching (the session is closed). */
    @Override
    public void close() {
      watched.remove(this);
    }
  }
}
