package io.herald.store.redis;

/**
 * The Lua scripts of {@link RedisSmsReceiptStore}, each over keys of one hash tag (see {@link
 * SmsKeys}). Outcomes are kept as ranks, {@code SmsOutcome}'s ordinal from best to worst, so the
 * scripts decide a message by taking the highest rank of its parts.
 */
final class SmsReceiptScripts {
  private SmsReceiptScripts() {}

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

  // apply(message key, due index, message, part index, outcome rank, error, settle by): the
  // part's outcome is set once; the last part missing decides the message (the worst rank of its
  // parts, and that part's error), whose entry in the due index moves to 'settle by'. Three
  // commands while parts are missing, five when deciding.
  private static final String APPLY =
      """
      local function apply(key, due, message, part, rank, err, settleBy)
        local p = 'p' .. part
        local h = redis.call('HMGET', key, 'n', 'outcome', p, 'ref')
        if not h[1] then return {'gone'} end
        if h[3] then return {'repeated'} end
        if err ~= '' then
          redis.call('HSET', key, p, rank, 'e' .. part, err)
        else
          redis.call('HSET', key, p, rank)
        end
        if h[2] then return {'late'} end
        local n = tonumber(h[1])
        local names = {}
        for i = 1, n do
          names[2 * i - 1] = 'p' .. i
          names[2 * i] = 'e' .. i
        end
        local v = redis.call('HMGET', key, unpack(names))
        local worstRank, worstErr = -1, ''
        for i = 1, n do
          local r = v[2 * i - 1]
          if not r then return {'waiting'} end
          if tonumber(r) > worstRank then worstRank, worstErr = tonumber(r), v[2 * i] or '' end
        end
        local outcome = tostring(worstRank)
        redis.call('HSET', key, 'outcome', outcome, 'error', worstErr, 'timedOut', '0')
        redis.call('ZADD', due, settleBy, message)
        return {'decided', outcome, worstErr, h[4], '0'}
      end
      """;

  /** What the operations of {@link #OPS} share. */
  static final String PRELUDE = APPLY;

  /**
   * The operations {@link RedisSmsReceiptStore} runs through {@link ScriptOps}, each on keys of one
   * hash tag. A message's hash is named by its first part's id, so it shares that part's tag: the
   * first part needs no key of its own, and its receipt is applied in the same step as it is looked
   * up; every other part has a key in its own id's tag, which maps it to its message.
   */
  static final java.util.Map<String, String> OPS =
      java.util.Map.of(
          // K: message, due index, its first part. A: message, deadline (ms), time to live (ms),
          // parts, ref, settle by (ms). A message expected again keeps its first record. A receipt
          // for the first part that came before (kept on its part key) is applied now; it is left
          // in place, so an expect repeated after a crash applies it again, which changes nothing.
          // Lifetimes are relative: Redis expires on its own clock, not the injected one.
          "expect",
          """
          function(K, A)
            if redis.call('EXISTS', K[1]) == 0 then
              redis.call('HSET', K[1], 'ref', A[5], 'n', A[4])
              redis.call('PEXPIRE', K[1], A[3])
              redis.call('ZADD', K[2], A[2], A[1])
              if redis.call('PTTL', K[2]) < tonumber(A[3]) then
                redis.call('PEXPIRE', K[2], A[3])
              end
            end
            local o = redis.call('HMGET', K[3], 'or', 'oe')
            if o[1] then return apply(K[1], K[2], A[1], 1, o[1], o[2] or '', A[6]) end
            return {'waiting'}
          end
          """,
          // K: a later part. A: message, part index (2…n), time to live (ms). Answers the early
          // receipt (rank, error) if one came, left in place as for the first part.
          "part",
          """
          function(K, A)
            redis.call('HSET', K[1], 'm', A[1], 'i', A[2])
            redis.call('PEXPIRE', K[1], A[3])
            local o = redis.call('HMGET', K[1], 'or', 'oe')
            if o[1] then return {'early', o[1], o[2] or ''} end
            return {'waiting'}
          end
          """,
          // K: the record. A: value, time to live (ms).
          "last",
          """
          function(K, A)
            redis.call('SET', K[1], A[1], 'PX', A[2])
            return {'ok'}
          end
          """,
          // K: part, the message it would be the first part of, that one's due index. A: id,
          // outcome rank, error, orphan lifetime (ms), settle by (ms). A later part answers its
          // message and index; a first part is applied at once; an id not expected (yet) keeps its
          // first final receipt for a later expect.
          "receipt",
          """
          function(K, A)
            local m = redis.call('HMGET', K[1], 'm', 'i')
            if m[1] then return {'mapped', m[1], m[2]} end
            local first = apply(K[2], K[3], A[1], 1, A[2], A[3], A[5])
            if first[1] ~= 'gone' then return first end
            if redis.call('HSETNX', K[1], 'or', A[2]) == 1 then
              redis.call('HSET', K[1], 'oe', A[3])
              redis.call('PEXPIRE', K[1], A[4])
            end
            return {'kept'}
          end
          """,
          // K: message, due index. A: message, part index, outcome rank, error, settle by (ms).
          "apply",
          """
          function(K, A) return apply(K[1], K[2], A[1], A[2], A[3], A[4], A[5]) end
          """,
          // K: due index. A: message. Its decision was applied.
          "settle",
          """
          function(K, A)
            redis.call('ZREM', K[1], A[1])
            return {'ok'}
          end
          """,
          // K: a phone's count of undeliverable outcomes, which a delivery ends.
          "clear",
          """
          function(K, A)
            redis.call('DEL', K[1])
            return {'ok'}
          end
          """);

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
