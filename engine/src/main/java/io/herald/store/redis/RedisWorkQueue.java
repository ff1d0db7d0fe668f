package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.delivery.WorkItem;
import io.herald.delivery.WorkQueue;
import io.herald.work.NodeLiveness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The work queue as a Redis Stream ({@code herald:{q}:work}) read through one consumer group
 * ({@code workers}), with deferred items in a sorted set ({@code herald:{q}:retry}) scored by when
 * they are due. Both keys share the {@code {q}} hash tag, so moving an item between them is one
 * atomic script. Blocking reads use a connection of their own. An acknowledged entry is deleted, so
 * the stream holds only what is waiting or in flight.
 */
public final class RedisWorkQueue implements WorkQueue {
  static final String GROUP = "workers";

  private final RedisStreamQueue queue;
  private final Redis.Dedicated blocking;

  /** A queue whose dead consumers' work waits {@code reclaimAfter} (nodes that do not beat). */
  public RedisWorkQueue(Redis redis) {
    this(redis, Optional.empty());
  }

  /** A queue whose dead nodes' work is taken over as soon as {@code liveness} says they died. */
  public RedisWorkQueue(Redis redis, Optional<NodeLiveness> liveness) {
    this.queue =
        new RedisStreamQueue(
            redis,
            Keys.workStream(),
            Keys.retrySchedule(),
            GROUP,
            "i",
            liveness.map(l -> new StreamTakeOver(redis, l)));
    this.blocking = redis.dedicated();
  }

  @Override
  public void enqueue(List<WorkItem> items) {
    queue.add(items.stream().map(RedisWorkQueue::encode).toList());
  }

  @Override
  public List<Claimed> claim(String consumer, int max, Duration wait) {
    return claimed(queue.read(blocking.sync(), consumer, max, wait));
  }

  @Override
  public List<Claimed> reclaim(String consumer, Duration idle, int max) {
    return claimed(queue.reclaim(consumer, idle, max));
  }

  @Override
  public void acknowledge(Claimed claimed) {
    acknowledge(List.of(claimed));
  }

  @Override
  public void acknowledge(List<Claimed> claimed) {
    queue.acknowledge(claimed.stream().map(Claimed::handle).toList());
  }

  @Override
  public void retryLater(Claimed claimed, WorkItem next, Instant due) {
    queue.retryLater(claimed.handle(), encode(next), due);
  }

  @Override
  public int releaseDue(Instant now, int max) {
    return queue.releaseDue(now, max);
  }

  @Override
  public long backlog() {
    return queue.backlog();
  }

  @Override
  public void close() {
    blocking.close();
  }

  private static List<Claimed> claimed(List<RedisStreamQueue.Entry> entries) {
    return entries.stream().map(e -> new Claimed(e.handle(), decode(e.payload()))).toList();
  }

  // account|campaign|recipient|phase|attempt|firstQueuedAtMillis: ids are hex, so '|' is safe.
  static String encode(WorkItem item) {
    return String.join(
        "|",
        item.account().value(),
        item.campaign().value(),
        Long.toString(item.recipient()),
        item.phase().name(),
        Integer.toString(item.attempt()),
        Long.toString(item.firstQueuedAt().toEpochMilli()));
  }

  static WorkItem decode(String value) {
    String[] f = value.split("\\|");
    return new WorkItem(
        new AccountId(f[0]),
        new CampaignId(f[1]),
        Long.parseLong(f[2]),
        Phase.valueOf(f[3]),
        Integer.parseInt(f[4]),
        Instant.ofEpochMilli(Long.parseLong(f[5])));
  }
}
