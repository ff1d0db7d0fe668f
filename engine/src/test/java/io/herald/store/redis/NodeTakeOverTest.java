package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.delivery.WorkItem;
import io.herald.delivery.WorkQueue;
import io.herald.testing.Await;
import io.herald.work.NodeLiveness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes beat; the work a node held when it died is taken over as soon as its heartbeat has been
 * missing for the confirmation time — not after {@code delivery.reclaimAfter} — and only its work:
 * a node that beats keeps what it holds however long it takes.
 */
class NodeTakeOverTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration NEVER = Duration.ofHours(1); // reclaimAfter: out of the picture
  // Long-lived beats: a live node's key never lapses during a test; the confirmation runs on the
  // test's own nanosecond clock.
  private static final NodeLiveness.Timing TIMING =
      new NodeLiveness.Timing(Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofSeconds(3));

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  AtomicLong nanos = new AtomicLong();
  List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void fresh() {
    redis = live.redis();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  NodeLiveness node(String name) throws Exception {
    NodeLiveness liveness = new NodeLiveness(new RedisHeartbeats(redis), name, TIMING, nanos::get);
    open.add(liveness);
    Await.until(() -> redis.sync().exists(RedisHeartbeats.key(name)), n -> n == 1);
    return liveness;
  }

  RedisWorkQueue queue(Optional<NodeLiveness> liveness) {
    RedisWorkQueue queue = new RedisWorkQueue(redis, liveness);
    open.add(queue);
    return queue;
  }

  static List<WorkItem> items(long count) {
    AccountId account = new AccountId("00000000000000a1");
    CampaignId campaign = new CampaignId("00000000000000c1");
    return LongStream.rangeClosed(1, count)
        .mapToObj(r -> new WorkItem(account, campaign, r, Phase.ALL, 1, T0))
        .toList();
  }

  static List<Long> recipients(List<WorkQueue.Claimed> claimed) {
    return claimed.stream().map(c -> c.item().recipient()).sorted().toList();
  }

  @Test
  void aDeadNodesWorkIsTakenOverOnceItsHeartbeatStaysMissingAndABeatingNodeKeepsItsOwn()
      throws Exception {
    RedisWorkQueue survivor = queue(Optional.of(node("survivor")));
    RedisWorkQueue busy = queue(Optional.of(node("busy")));
    RedisWorkQueue dying = queue(Optional.empty()); // a node that died: no heartbeat
    survivor.enqueue(items(8));
    assertThat(dying.claim("dead", 5, Duration.ofMillis(50))).hasSize(5);
    assertThat(busy.claim("busy", 3, Duration.ofMillis(50))).hasSize(3);

    assertThat(survivor.reclaim("survivor", NEVER, 100)).as("first seen missing").isEmpty();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(survivor.reclaim("survivor", NEVER, 100)).as("not confirmed yet").isEmpty();
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    List<WorkQueue.Claimed> taken = survivor.reclaim("survivor", NEVER, 100);

    assertThat(recipients(taken)).containsExactly(1L, 2L, 3L, 4L, 5L);
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    assertThat(survivor.reclaim("survivor", NEVER, 100))
        .as("the busy node beats: its three stay with it, and what was taken is not taken twice")
        .isEmpty();
    assertThat(consumers())
        .as("the dead consumer leaves the group once nothing is pending")
        .doesNotContain("dead");
  }

  @Test
  void twoSurvivorsTakingOverAtOnceNeverGetTheSameEntry() throws Exception {
    RedisWorkQueue a = queue(Optional.of(node("a")));
    RedisWorkQueue b = queue(Optional.of(node("b")));
    RedisWorkQueue dying = queue(Optional.empty());
    a.enqueue(items(200));
    assertThat(dying.claim("dead", 200, Duration.ofMillis(50))).hasSize(200);
    a.reclaim("a", NEVER, 1);
    b.reclaim("b", NEVER, 1);
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());

    List<WorkQueue.Claimed> byA = new ArrayList<>();
    List<WorkQueue.Claimed> byB = new ArrayList<>();
    for (int round = 0; round < 20 && byA.size() + byB.size() < 200; round++) {
      var fromA = CompletableFuture.supplyAsync(() -> a.reclaim("a", NEVER, 25));
      var fromB = CompletableFuture.supplyAsync(() -> b.reclaim("b", NEVER, 25));
      byA.addAll(fromA.join());
      byB.addAll(fromB.join());
    }

    List<Long> all = new ArrayList<>(recipients(byA));
    all.addAll(recipients(byB));
    assertThat(all).hasSize(200).doesNotHaveDuplicates();
  }

  @Test
  void aNodeThatStopsCleanlyRemovesItsHeartbeatAtOnce() throws Exception {
    NodeLiveness leaving = node("leaving");
    leaving.close();
    open.remove(leaving);

    assertThat(redis.sync().exists(RedisHeartbeats.key("leaving"))).isZero();
  }

  List<String> consumers() {
    return redis.sync().xinfoConsumers(Keys.workStream(), RedisWorkQueue.GROUP).stream()
        .map(o -> String.valueOf(((List<?>) o).get(1)))
        .toList();
  }
}
