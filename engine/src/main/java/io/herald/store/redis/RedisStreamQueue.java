package io.herald.store.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A durable queue of string payloads: a Redis Stream read through one consumer group, and the
 * entries to try again later in a sorted set scored by when they are due. Both keys must share a
 * hash tag, so that moving an entry between them is one atomic script. An entry stays pending for
 * its consumer until acknowledged (then it is deleted, so the stream holds only what waits or is in
 * flight); the entries of a consumer that died are taken over with {@code XAUTOCLAIM}. The
 * campaigns' work queue and the webhooks' outbox are two of these.
 */
final class RedisStreamQueue {
  /** A claimed entry: the stream id that acknowledges it, and its payload. */
  record Entry(String handle, String payload) {}

  private static final String RETRY =
      """
      redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[1], ARGV[2])
      redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
      return 1
      """;

  // One round trip for any number of entries.
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
      for _, payload in ipairs(due) do
        redis.call('ZREM', KEYS[2], payload)
        redis.call('XADD', KEYS[1], '*', ARGV[3], payload)
      end
      return #due
      """;

  private final Redis redis;
  private final String stream;
  private final String retry;
  private final String group;
  private final String field;
  private final Optional<StreamTakeOver> takeOver;

  /**
   * Creates the consumer group unless it exists.
   *
   * @param field the stream entries' one field, which holds the payload
   * @param takeOver how the entries of dead nodes are taken over at once, if nodes beat
   */
  RedisStreamQueue(
      Redis redis,
      String stream,
      String retry,
      String group,
      String field,
      Optional<StreamTakeOver> takeOver) {
    this.redis = redis;
    this.takeOver = takeOver;
    this.stream = stream;
    this.retry = retry;
    this.group = group;
    this.field = field;
    try {
      redis
          .sync()
          .xgroupCreate(
              XReadArgs.StreamOffset.from(stream, "0-0"),
              group,
              XGroupCreateArgs.Builder.mkstream());
    } catch (RedisBusyException e) {
      // The group exists: another node, or an earlier start, made it.
    }
  }

  /** Adds the payloads; all are in Redis when this returns (one round trip for the lot). */
  void add(List<String> payloads) {
    for (String payload : payloads) {
      redis.async().xadd(stream, Map.of(field, payload));
    }
    if (!payloads.isEmpty()) {
      redis.sync().ping();
    }
  }

  /**
   * Up to {@code max} new entries for {@code consumer}, waiting up to {@code wait} for one (zero:
   * not at all) on {@code via} — a connection of its own when it may block.
   */
  List<Entry> read(
      RedisClusterCommands<String, String> via, String consumer, int max, Duration wait) {
    return via
        .xreadgroup(
            Consumer.from(group, consumer),
            // BLOCK 0 would wait forever: a zero wait means "don't block".
            wait.isZero() ? XReadArgs.Builder.count(max) : XReadArgs.Builder.block(wait).count(max),
            XReadArgs.StreamOffset.lastConsumed(stream))
        .stream()
        .filter(this::carries)
        .map(this::entry)
        .toList();
  }

  /**
   * Entries dead nodes left pending (as soon as their heartbeat lapsed), then those other consumers
   * left pending for at least {@code idle} (a node that does not beat, or an entry a live node
   * lost).
   */
  List<Entry> reclaim(String consumer, Duration idle, int max) {
    List<Entry> taken = new ArrayList<>();
    takeOver.ifPresent(
        t ->
            t.take(stream, group, consumer, max).stream()
                .filter(e -> e.body().containsKey(field))
                .map(e -> new Entry(e.id(), e.body().get(field)))
                .forEach(taken::add));
    if (taken.size() >= max) {
      return taken;
    }
    redis
        .sync()
        .xautoclaim(
            stream,
            XAutoClaimArgs.Builder.xautoclaim(Consumer.from(group, consumer), idle, "0-0")
                .count(max - taken.size()))
        .getMessages()
        .stream()
        .filter(this::carries)
        .map(this::entry)
        .forEach(taken::add);
    return taken;
  }

  /** Acknowledges and deletes the entries, in as few round trips as the batch limit allows. */
  void acknowledge(List<String> handles) {
    for (int from = 0; from < handles.size(); from += ACK_BATCH) {
      List<String> part = handles.subList(from, Math.min(handles.size(), from + ACK_BATCH));
      String[] args = new String[part.size() + 1];
      args[0] = group;
      for (int i = 0; i < part.size(); i++) {
        args[i + 1] = part.get(i);
      }
      redis.eval(ACK, ScriptOutputType.INTEGER, new String[] {stream}, args);
    }
  }

  /** Acknowledges the entry and schedules {@code next} for {@code due}, in one step. */
  void retryLater(String handle, String next, Instant due) {
    redis.eval(
        RETRY,
        ScriptOutputType.INTEGER,
        new String[] {stream, retry},
        group,
        handle,
        Long.toString(due.toEpochMilli()),
        next);
  }

  /** Moves up to {@code max} scheduled entries due by {@code now} back into the stream. */
  int releaseDue(Instant now, int max) {
    Long moved =
        redis.eval(
            RELEASE,
            ScriptOutputType.INTEGER,
            new String[] {stream, retry},
            Long.toString(now.toEpochMilli()),
            Integer.toString(max),
            field);
    return moved == null ? 0 : moved.intValue();
  }

  /** Entries waiting, in flight or scheduled. */
  long backlog() {
    return redis.sync().xlen(stream) + redis.sync().zcard(retry);
  }

  private boolean carries(StreamMessage<String, String> message) {
    return message.getBody() != null && message.getBody().containsKey(field);
  }

  private Entry entry(StreamMessage<String, String> message) {
    return new Entry(message.getId(), message.getBody().get(field));
  }
}
