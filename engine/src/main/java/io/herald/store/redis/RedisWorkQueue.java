package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.delivery.WorkItem;
import io.herald.delivery.WorkQueue;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The work queue as a Redis Stream ({@code herald:{q}:work}) read through one consumer group
 * ({@code workers}), with deferred items in a sorted set ({@code herald:{q}:retry}) scored by when
 * they are due. Both keys share the {@code {q}} hash tag, so moving an item between them is one
 * atomic script. Blocking reads use a connection of their own. An acknowledged entry is deleted, so
 * the stream holds only what is waiting or in flight.
 */
public final class RedisWorkQueue implements WorkQueue {
  static final String GROUP = "workers";

  private static final String RETRY =
      """
      redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[1], ARGV[2])
      redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
      return 1
      """;

  // One round trip instead of two for any number of entries: every message is acknowledged.
  private static final String ACK =
      """
      redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
      return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
      """;

  /** Entries acknowledged per script call; Lua's unpack has a stack limit. */
  private static final int ACK_BATCH = 512;

  private static final String RELEASE =
      """
      local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
      for _, item in ipairs(due) do
        redis.call('ZREM', KEYS[2], item)
        redis.call('XADD', KEYS[1], '*', 'i', item)
      end
      return #due
      """;

  private final Redis redis;
  private final Redis.Dedicated blocking;

  public RedisWorkQueue(Redis redis) {
    this.redis = redis;
    this.blocking = redis.dedicated();
    try {
      redis
          .sync()
          .xgroupCreate(
              XReadArgs.StreamOffset.from(Keys.workStream(), "0-0"),
              GROUP,
              XGroupCreateArgs.Builder.mkstream());
    } catch (RedisBusyException e) {
      // The group exists: another node, or an earlier start, made it.
    }
  }

  @Override
  public void enqueue(List<WorkItem> items) {
    for (WorkItem item : items) {
      redis.async().xadd(Keys.workStream(), Map.of("i", encode(item)));
    }
    if (!items.isEmpty()) {
      redis.sync().ping(); // one round trip: every XADD above is in Redis when this returns
    }
  }

  @Override
  public List<Claimed> claim(String consumer, int max, Duration wait) {
    List<StreamMessage<String, String>> messages =
        blocking
            .sync()
            .xreadgroup(
                Consumer.from(GROUP, consumer),
                // BLOCK 0 would wait forever: a zero wait means "don't block".
                wait.isZero()
                    ? XReadArgs.Builder.count(max)
                    : XReadArgs.Builder.block(wait).count(max),
                XReadArgs.StreamOffset.lastConsumed(Keys.workStream()));
    return messages.stream().map(RedisWorkQueue::claimed).toList();
  }

  @Override
  public List<Claimed> reclaim(String consumer, Duration idle, int max) {
    ClaimedMessages<String, String> claimed =
        redis
            .sync()
            .xautoclaim(
                Keys.workStream(),
                XAutoClaimArgs.Builder.xautoclaim(Consumer.from(GROUP, consumer), idle, "0-0")
                    .count(max));
    return claimed.getMessages().stream()
        .filter(m -> m.getBody() != null && m.getBody().containsKey("i"))
        .map(RedisWorkQueue::claimed)
        .toList();
  }

  @Override
  public void acknowledge(Claimed claimed) {
    acknowledge(List.of(claimed));
  }

  @Override
  public void acknowledge(List<Claimed> claimed) {
    for (int from = 0; from < claimed.size(); from += ACK_BATCH) {
      List<Claimed> part = claimed.subList(from, Math.min(claimed.size(), from + ACK_BATCH));
      String[] args = new String[part.size() + 1];
      args[0] = GROUP;
      for (int i = 0; i < part.size(); i++) {
        args[i + 1] = part.get(i).handle();
      }
      redis.sync().eval(ACK, ScriptOutputType.INTEGER, new String[] {Keys.workStream()}, args);
    }
  }

  @Override
  public void retryLater(Claimed claimed, WorkItem next, Instant due) {
    redis
        .sync()
        .eval(
            RETRY,
            ScriptOutputType.INTEGER,
            new String[] {Keys.workStream(), Keys.retrySchedule()},
            GROUP,
            claimed.handle(),
            Long.toString(due.toEpochMilli()),
            encode(next));
  }

  @Override
  public int releaseDue(Instant now, int max) {
    Long moved =
        redis
            .sync()
            .eval(
                RELEASE,
                ScriptOutputType.INTEGER,
                new String[] {Keys.workStream(), Keys.retrySchedule()},
                Long.toString(now.toEpochMilli()),
                Integer.toString(max));
    return moved == null ? 0 : moved.intValue();
  }

  @Override
  public long backlog() {
    return redis.sync().xlen(Keys.workStream()) + redis.sync().zcard(Keys.retrySchedule());
  }

  @Override
  public void close() {
    blocking.close();
  }

  private static Claimed claimed(StreamMessage<String, String> message) {
    return new Claimed(message.getId(), decode(message.getBody().get("i")));
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
