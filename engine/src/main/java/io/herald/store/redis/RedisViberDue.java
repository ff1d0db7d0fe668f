package io.herald.store.redis;

import io.herald.channel.viber.ViberDue;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ViberDue} in Redis: sorted sets of message ids scored by when to look again, spread over
 * {@link #BUCKETS} hash tags {@code {vd:<bucket>}} by a hash of the id (no single hot key on a
 * cluster). Taking is one script per bucket that moves what it takes {@code retakeAfter} into the
 * future, so two nodes never take the same id at once and a dead node's ids come back.
 */
public final class RedisViberDue implements ViberDue {
  static final int BUCKETS = 16;

  private static final String TAKE =
      """
      local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
      for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
      return ids
      """;

  private final Redis redis;

  public RedisViberDue(Redis redis) {
    this.redis = redis;
  }

  static String key(int bucket) {
    return "herald:{vd:" + bucket + "}:viber:due";
  }

  private static String keyOf(String messageId) {
    return key(Math.floorMod(messageId.hashCode(), BUCKETS));
  }

  @Override
  public void expect(String messageId, Instant at) {
    redis.sync().zadd(keyOf(messageId), (double) at.toEpochMilli(), messageId);
  }

  @Override
  public void settle(String messageId) {
    redis.sync().zrem(keyOf(messageId), messageId);
  }

  @Override
  public List<String> take(Instant now, int max, Duration retakeAfter) {
    List<String> taken = new ArrayList<>();
    String later = Long.toString(now.plus(retakeAfter).toEpochMilli());
    for (int bucket = 0; bucket < BUCKETS && taken.size() < max; bucket++) {
      List<String> ids =
          redis.eval(
              TAKE,
              ScriptOutputType.MULTI,
              new String[] {key(bucket)},
              Long.toString(now.toEpochMilli()),
              Integer.toString(max - taken.size()),
              later);
      taken.addAll(ids);
    }
    return taken;
  }
}
