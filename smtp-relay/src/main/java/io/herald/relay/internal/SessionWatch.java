package io.herald.relay.internal;

import io.herald.relay.RelayLimit;
import io.herald.relay.RelaySettings;
import io.herald.relay.Reply;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one connection that the client's bytes cannot reset, on its event loop: the minimum
 * data rate while the relay waits for the rest of a command line or message (an idle timer alone
 * lets a client keep a connection forever with one byte a second), and the whole-session limit.
 * Neither cuts a connection while a backend call runs, so an answer the backend gave (such as a
 * message accepted) always reaches the client.
 */
final class SessionWatch {

  static final Reply TOO_SLOW = new Reply(421, "4.4.2", "Data rate too low, closing connection");
  static final Reply TOO_LONG =
      new Reply(421, "4.4.2", "Session time limit reached, closing connection");

  private final SmtpSession io;
  private final long interval;
  private final long minBytesPerInterval;
  private final long maxSession;
  private ScheduledFuture<?> rateTask;
  private ScheduledFuture<?> sessionTask;
  private EventExecutor loop;
  private boolean waitingAtLastTick;
  private long bytesAtLastTick;

  SessionWatch(RelaySettings settings, SmtpSession io) {
    this.io = io;
    this.interval = settings.dataRateInterval().toNanos();
    this.minBytesPerInterval =
        (long)
            Math.ceil(settings.minDataRate() * (settings.dataRateInterval().toMillis() / 1000.0));
    this.maxSession = settings.maxSessionTime().toNanos();
  }

  /** Starts both timers; called once the connection is admitted. */
  void start(EventExecutor executor) {
    loop = executor;
    if (minBytesPerInterval > 0) {
      rateTask = loop.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.NANOSECONDS);
    }
    sessionTask = loop.schedule(this::sessionOver, maxSession, TimeUnit.NANOSECONDS);
  }

  /** Stops the timers; the connection is gone. */
  void stop() {
    if (rateTask != null) {
      rateTask.cancel(false);
    }
    if (sessionTask != null) {
      sessionTask.cancel(false);
    }
  }

  /**
   * The relay stops reading for a while (a backend call, a file write, a delay): the interval in
   * progress is not judged, since the client could not send during it.
   */
  void pause() {
    waitingAtLastTick = false;
  }

  /** Judges the interval that just ended, if the relay waited for the client through all of it. */
  private void tick() {
    long bytes = io.bytesReceived();
    boolean waiting = io.awaitingRestOfInput();
    if (waiting && waitingAtLastTick && bytes - bytesAtLastTick < minBytesPerInterval) {
      io.cut(RelayLimit.DATA_RATE, TOO_SLOW);
      return;
    }
    waitingAtLastTick = waiting;
    bytesAtLastTick = bytes;
  }

  private void sessionOver() {
    if (io.busy()) {
      // Let the backend's answer reach the client first; look again shortly.
      sessionTask =
          loop.schedule(this::sessionOver, Duration.ofSeconds(1).toNanos(), TimeUnit.NANOSECONDS);
    } else {
      io.cut(RelayLimit.SESSION_TIME, TOO_LONG);
    }
  }
}
