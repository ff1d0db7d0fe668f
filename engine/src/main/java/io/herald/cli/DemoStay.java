package io.herald.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code herald demo --stay}: after the story the demo keeps its node serving, says where, and
 * waits for Ctrl-C (or an interrupt). Ctrl-C starts the JVM's shutdown; the hook lets the demo
 * close its node and simulators and remove its data before the JVM goes ({@link #close}), within a
 * bound.
 */
final class DemoStay implements AutoCloseable {
  private static final Duration CLEAN_UP = Duration.ofSeconds(20);

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch cleanedUp = new CountDownLatch(1);
  private Thread hook;

  /** Prints where the node serves, then waits until Ctrl-C or an interrupt. */
  void serveUntilInterrupted(
      PrintWriter out, URI herald, OptionalInt metricsPort, Clock nodeClock, Clock real) {
    hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                cleanedUp.await(CLEAN_UP.toSeconds(), TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-stay");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("== Herald keeps serving (Ctrl-C stops it):");
    out.println("   pages: " + herald.resolve("/app"));
    out.println("   API: " + herald.resolve("/api/"));
    metricsPort.ifPresent(p -> out.println("   metrics: http://127.0.0.1:" + p + "/metrics"));
    Duration ahead = Duration.between(real.instant(), nodeClock.instant());
    if (ahead.toMinutes() > 0) {
      out.printf(
          "   the node's clock is %d h %d min ahead of real time: the canaries' hours passed"
              + " faster%n",
          ahead.toHours(), ahead.toMinutesPart());
    }
    out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The demo has cleaned up: a shutdown waiting for it may go on. */
  @Override
  public void close() {
    cleanedUp.countDown();
    if (hook != null && stop.getCount() > 0) {
      // Stopped by an interrupt, not by a shutdown: the hook is not needed any more.
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }
}
