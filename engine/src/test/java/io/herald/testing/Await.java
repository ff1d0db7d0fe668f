package io.herald.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Polls a condition with a bound instead of sleeping a fixed time. */
public final class Await {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(20);

  private Await() {}

  public static <T> T until(Callable<T> probe, Predicate<T> done) throws Exception {
    return until(probe, done, LIMIT);
  }

  /** {@link #until} with a bound of its own, for what waits on a retry's backoff. */
  public static <T> T until(Callable<T> probe, Predicate<T> done, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    T value = probe.call();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit + "; last value: " + value);
      }
      LockSupport.parkNanos(POLL.toNanos());
      value = probe.call();
    }
    return value;
  }
}
