package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.plan.QuotaStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.List;

/**
 * Message counts per account and quota period (R9): one counter per period, changed only by
 * scripts, so a take is checked and counted in one step on the server and two nodes can never both
 * take the last of a quota.
 */
public final class RedisQuotaStore implements QuotaStore {
  // Adds ARGV[1] when the count stays within ARGV[2]; answers {granted, used}.
  private static final String TAKE =
      """
      local used = tonumber(redis.call('GET', KEYS[1]) or '0')
      local units = tonumber(ARGV[1])
      if used + units > tonumber(ARGV[2]) then return {0, used} end
      used = redis.call('INCRBY', KEYS[1], units)
      redis.call('EXPIREAT', KEYS[1], ARGV[3])
      return {1, used}
      """;

  // Never below zero: a give-back after the count expired must not make a negative count.
  private static final String GIVE_BACK =
      """
      local used = tonumber(redis.call('GET', KEYS[1]) or '0')
      if used <= 0 then return 0 end
      local back = math.min(used, tonumber(ARGV[1]))
      return redis.call('DECRBY', KEYS[1], back)
      """;

  private final Redis redis;

  public RedisQuotaStore(Redis redis) {
    this.redis = redis;
  }

  @Override
  public Take take(AccountId account, String periodKey, long units, long limit, Instant keepUntil) {
    List<Object> answer =
        redis.eval(
            TAKE,
            ScriptOutputType.MULTI,
            new String[] {Keys.usage(account, periodKey)},
            Long.toString(units),
            Long.toString(limit),
            Long.toString(keepUntil.getEpochSecond()));
    return new Take(((Long) answer.get(0)) == 1L, (Long) answer.get(1));
  }

  @Override
  public void giveBack(AccountId account, String periodKey, long units) {
    redis.eval(
        GIVE_BACK,
        ScriptOutputType.INTEGER,
        new String[] {Keys.usage(account, periodKey)},
        Long.toString(units));
  }

  @Override
  public long used(AccountId account, String periodKey) {
    String value = redis.sync().get(Keys.usage(account, periodKey));
    return value == null ? 0 : Long.parseLong(value);
  }
}
