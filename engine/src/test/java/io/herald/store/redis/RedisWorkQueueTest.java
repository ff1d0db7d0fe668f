package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.delivery.WorkItem;
import io.herald.delivery.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The durable queue on a real Redis: claim, acknowledge, reclaim from the dead, retry when due. */
class RedisWorkQueueTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  RedisWorkQueue queue;

  @BeforeEach
  void fresh() {
    redis = live.redis(); // emptied by the extension
    queue = new RedisWorkQueue(redis);
  }

  @org.junit.jupiter.api.AfterEach
  void closeQueue() {
    queue.close();
  }

  private static List<WorkItem> items(long count) {
    AccountId account = new AccountId("00000000000000a1");
    CampaignId campaign = new CampaignId("00000000000000c1");
    return LongStream.rangeClosed(1, count)
        .mapToObj(r -> new WorkItem(account, campaign, r, Phase.ALL, 1, T0))
        .toList();
  }

  @Test
  void claimedItemsComeBackExactlyOnceAndLeaveWhenAcknowledged() {
    queue.enqueue(items(5));

    List<WorkQueue.Claimed> first = queue.claim("node-a", 3, Duration.ofMillis(50));
    List<WorkQueue.Claimed> second = queue.claim("node-b", 10, Duration.ofMillis(50));

    assertThat(first).hasSize(3);
    assertThat(second).hasSize(2);
    assertThat(first.stream().map(c -> c.item().recipient()))
        .doesNotContainAnyElementsOf(second.stream().map(c -> c.item().recipient()).toList());
    assertThat(first.getFirst().item()).isEqualTo(items(1).getFirst());
    first.forEach(queue::acknowledge);
    second.forEach(queue::acknowledge);
    assertThat(queue.backlog()).isZero();
    assertThat(queue.claim("node-a", 10, Duration.ZERO)).isEmpty();
  }

  @Test
  void severalItemsAreAcknowledgedInOneStep() {
    queue.enqueue(items(600)); // more than one script call's worth
    List<WorkQueue.Claimed> claimed = queue.claim("node-a", 600, Duration.ofMillis(50));
    assertThat(claimed).hasSize(600);

    queue.acknowledge(claimed.subList(0, 599));

    assertThat(queue.backlog()).isOne();
    assertThat(queue.reclaim("node-b", Duration.ZERO, 10))
        .singleElement()
        .satisfies(c -> assertThat(c.item().recipient()).isEqualTo(600L));
    queue.acknowledge(List.of());
  }

  @Test
  void itemsHeldByANodeThatDiedAreReclaimedByAnother() {
    queue.enqueue(items(4));
    List<WorkQueue.Claimed> lost = queue.claim("dead-node", 4, Duration.ofMillis(50));
    assertThat(lost).hasSize(4);

    List<WorkQueue.Claimed> reclaimed = queue.reclaim("live-node", Duration.ZERO, 10);

    assertThat(reclaimed)
        .extracting(c -> c.item().recipient())
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    reclaimed.forEach(queue::acknowledge);
    assertThat(queue.reclaim("live-node", Duration.ZERO, 10)).isEmpty();
  }

  @Test
  void aDeferredItemWaitsUntilItIsDueThenComesBackWithItsNextAttempt() {
    queue.enqueue(items(1));
    WorkQueue.Claimed claimed = queue.claim("node", 1, Duration.ofMillis(50)).getFirst();

    queue.retryLater(claimed, claimed.item().nextAttempt(), T0.plusSeconds(60));

    assertThat(queue.releaseDue(T0.plusSeconds(59), 100)).isZero();
    assertThat(queue.claim("node", 1, Duration.ZERO)).isEmpty();
    assertThat(queue.releaseDue(T0.plusSeconds(60), 100)).isEqualTo(1);
    assertThat(queue.releaseDue(T0.plusSeconds(61), 100)).isZero(); // moved once, by one node
    List<WorkQueue.Claimed> again = queue.claim("node", 1, Duration.ofMillis(50));
    assertThat(again).singleElement().satisfies(c -> assertThat(c.item().attempt()).isEqualTo(2));
  }

  @Test
  void aSecondQueueOnTheSameRedisJoinsTheExistingGroup() {
    queue.enqueue(items(2));
    try (RedisWorkQueue other = new RedisWorkQueue(redis)) {
      assertThat(other.claim("node-x", 5, Duration.ofMillis(50))).hasSize(2);
    }
  }

  @Test
  void itemsSurviveARoundTripThroughTheirEncoding() {
    WorkItem item =
        new WorkItem(
            new AccountId("0123456789abcdef"),
            new CampaignId("fedcba9876543210"),
            42,
            Phase.CANARY,
            3,
            T0);
    assertThat(RedisWorkQueue.decode(RedisWorkQueue.encode(item))).isEqualTo(item);
  }
}
