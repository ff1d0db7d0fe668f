package io.herald.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A claim loop outlives an {@link Error} from its source or its handler: a loop that died would
 * stop the node's transactional mail or webhooks for good while nothing reports a failure.
 */
class ClaimLoopTest {
  private static final ClaimLoop.Pace FAST = new ClaimLoop.Pace(Duration.ofMillis(10), 1000);

  /** Entries 1..n, one claim at a time, after the first {@code failures} claims threw. */
  private static final class FlakySource implements ClaimLoop.Source<Integer> {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger(1);
    private final int failures;
    private final int last;

    FlakySource(int failures, int last) {
      this.failures = failures;
      this.last = last;
    }

    @Override
    public List<Integer> reclaim(int max) {
      return List.of();
    }

    @Override
    public List<Integer> claim(int max) {
      if (calls.incrementAndGet() <= failures) {
        throw new NoClassDefFoundError("io/herald/SomethingNotShipped");
      }
      int n = next.get();
      return n <= last && next.compareAndSet(n, n + 1) ? List.of(n) : List.of();
    }
  }

  @Test
  void anErrorFromTheSourceDoesNotEndTheLoop() throws Exception {
    Queue<Integer> handled = new ConcurrentLinkedQueue<>();
    try (ClaimLoop<Integer> loop =
        new ClaimLoop<>("test", 2, FAST, new FlakySource(2, 3), handled::add, String::valueOf)) {
      Await.until(handled::size, n -> n == 3);
    }
    assertThat(handled).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void anErrorFromTheHandlerFreesItsSlotForTheNextEntries() throws Exception {
    Queue<Integer> handled = new ConcurrentLinkedQueue<>();
    try (ClaimLoop<Integer> loop =
        new ClaimLoop<>(
            "test",
            1,
            FAST,
            new FlakySource(0, 3),
            n -> {
              if (n == 1) {
                throw new StackOverflowError("handler");
              }
              handled.add(n);
            },
            String::valueOf)) {
      Await.until(handled::size, n -> n == 2);
    }
    assertThat(handled).containsExactlyInAnyOrder(2, 3);
  }
}
