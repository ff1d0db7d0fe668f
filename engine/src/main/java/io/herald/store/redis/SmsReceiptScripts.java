package io.herald.store.redis;

/**
 * The Lua scripts of {@link RedisSmsReceiptStore}, each over keys of one hash tag (see {@link
 * SmsKeys}). Outcomes are kept as ranks, {@code SmsOutcome}'s ordinal from best to worst, so the
 * scripts decide a message by taking the highest rank of its parts.
 */
final class SmsReceiptScripts {
  private SmsReceiptScripts() {}

  // KEYS: message, due index. ARGV: message, deadline (ms), time to live (ms), parts, ref. A
  // message expected again keeps its first record. Lifetimes are relative: Redis expires on its
  // own clock, not the injected one.
  static final String EXPECT =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'ref', ARGV[5], 'n', ARGV[4])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
      if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
      end
      return 1
      """;

  // KEYS: part. ARGV: message, part index (1…n), time to live (ms). Returns the early receipt
  // (outcome rank, error) if one came; it is left in place, so an expect repeated after a crash
  // applies it again (which the message's HSETNX makes harmless).
  static final String MAP_PART =
      """
      redis.call('HSET', KEYS[1], 'm', ARGV[1], 'i', ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      local o = redis.call('HMGET', KEYS[1], 'or', 'oe')
      if o[1] then return {o[1], o[2] or ''} end
      return {}
      """;

  // KEYS: part. ARGV: outcome rank, error, orphan lifetime (ms). Returns {message, index} of a
  // mapped part; else keeps the first final receipt for a later expect and returns nothing.
  static final String RECEIPT =
      """
      local m = redis.call('HMGET', KEYS[1], 'm', 'i')
      if m[1] then return m end
      if redis.call('HSETNX', KEYS[1], 'or', ARGV[1]) == 1 then
        redis.call('HSET', KEYS[1], 'oe', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
      end
      return {}
      """;

  // The worst outcome rank of the parts, from 'start' (-1 when every part must be known, then
  // nil if one is missing), and the error of the part that decided it.
  private static final String WORST =
      """
      local function worst(key, start)
        local n = tonumber(redis.call('HGET', key, 'n'))
        local rank, err = start, ''
        for i = 1, n do
          local r = redis.call('HGET', key, 'p' .. i)
          if not r then
            if start < 0 then return nil end
          elseif tonumber(r) > rank then
            rank, err = tonumber(r), redis.call('HGET', key, 'e' .. i) or ''
          end
        end
        return rank, err
      end
      local function decided(key)
        local d = redis.call('HMGET', key, 'outcome', 'error', 'ref', 'timedOut')
        return {'decided', d[1], d[2], d[3], d[4]}
      end
      """;

  // KEYS: message, due index. ARGV: message, part index, outcome rank, error, settle by (ms).
  static final String APPLY =
      WORST
          + """
          if redis.call('EXISTS', KEYS[1]) == 0 then return {'gone'} end
          if redis.call('HSETNX', KEYS[1], 'p' .. ARGV[2], ARGV[3]) == 0 then
            return {'repeated'}
          end
          if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'e' .. ARGV[2], ARGV[4]) end
          if redis.call('HEXISTS', KEYS[1], 'outcome') == 1 then return {'late'} end
          local rank, err = worst(KEYS[1], -1)
          if not rank then return {'waiting'} end
          redis.call('HSET', KEYS[1], 'outcome', rank, 'error', err, 'timedOut', '0')
          redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
          return decided(KEYS[1])
          """;

  // KEYS: message, due index. ARGV: message, now (ms), settle by (ms), the rank of unknown.
  // Only a message still due is taken, and its entry moves to 'settle by' in the same step, so
  // of several nodes sweeping at once one takes it.
  static final String TIME_OUT =
      WORST
          + """
          local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
          if not score or tonumber(score) > tonumber(ARGV[2]) then return {'taken'} end
          if redis.call('EXISTS', KEYS[1]) == 0 then
            redis.call('ZREM', KEYS[2], ARGV[1])
            return {'gone'}
          end
          redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
          if redis.call('HEXISTS', KEYS[1], 'outcome') == 0 then
            local rank, err = worst(KEYS[1], tonumber(ARGV[4]))
            redis.call('HSET', KEYS[1], 'outcome', rank, 'error', err, 'timedOut', '1')
          end
          return decided(KEYS[1])
          """;

  // KEYS: counter. ARGV: lifetime (ms).
  static final String COUNT =
      """
      local n = redis.call('INCR', KEYS[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return n
      """;
}
