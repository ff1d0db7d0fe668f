package io.herald.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.Await;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The judgement of who is dead, on a shared store that can go away: a node is dead only after its
 * heartbeat stayed missing for the confirmation time while this node's own beats went in, so a
 * store that lost every heartbeat (Redis restarted) does not make every other node look dead.
 */
class NodeLivenessTest {
  private static final NodeLiveness.Timing TIMING =
      new NodeLiveness.Timing(Duration.ofMillis(20), Duration.ofMinutes(1), Duration.ofSeconds(3));

  /** Heartbeats in memory that can fail like a store that went away. */
  static final class Store implements NodeLiveness.Beats {
    final Set<String> beating = ConcurrentHashMap.newKeySet();
    final AtomicBoolean away = new AtomicBoolean();
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public void beat(String node, Duration ttl) {
      attempts.incrementAndGet();
      if (away.get()) {
        throw new IllegalStateException("store away");
      }
      beating.add(node);
    }

    @Override
    public Set<String> alive(Collection<String> nodes) {
      Set<String> alive = new HashSet<>(nodes);
      alive.retainAll(beating);
      return alive;
    }

    @Override
    public void forget(String node) {
      beating.remove(node);
    }
  }

  @Test
  void aMissingHeartbeatIsDeathOnlyWhileOurOwnBeatsGoIn() throws Exception {
    Store store = new Store();
    AtomicLong nanos = new AtomicLong(1_000);
    try (NodeLiveness self = new NodeLiveness(store, "self", TIMING, nanos::get)) {
      store.beating.add("other");
      assertThat(self.dead(Set.of("self", "other"))).isEmpty();

      // The store loses every heartbeat and is away for a moment: our own beats fail too.
      store.beating.clear();
      assertThat(self.dead(Set.of("other"))).isEmpty(); // first seen missing
      store.away.set(true);
      int before = store.attempts.get();
      Await.until(store.attempts::get, n -> n > before + 1);
      nanos.addAndGet(Duration.ofSeconds(5).toNanos());
      store.away.set(false);
      assertThat(self.dead(Set.of("other")))
          .as("missing since before our own beats failed: look again")
          .isEmpty();

      nanos.addAndGet(Duration.ofSeconds(3).toNanos());
      assertThat(self.dead(Set.of("other")))
          .as("missing for 3 s with our beats going in")
          .containsExactly("other");
      assertThat(self.dead(Set.of("self"))).as("never ourselves").isEmpty();
    }
  }

  @Test
  void aNodeThatBeatsAgainIsAliveAndItsClockStartsOver() {
    Store store = new Store();
    AtomicLong nanos = new AtomicLong();
    try (NodeLiveness self = new NodeLiveness(store, "self", TIMING, nanos::get)) {
      assertThat(self.dead(Set.of("slow"))).isEmpty();
      nanos.addAndGet(Duration.ofSeconds(2).toNanos());
      store.beating.add("slow");
      assertThat(self.dead(Set.of("slow"))).isEmpty();
      store.beating.remove("slow");
      nanos.addAndGet(Duration.ofSeconds(2).toNanos());
      assertThat(self.dead(Set.of("slow"))).as("missing again only now").isEmpty();
      nanos.addAndGet(Duration.ofSeconds(3).toNanos());
      assertThat(self.dead(Set.of("slow"))).containsExactly("slow");
    }
  }
}
