package io.herald.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.campaign.Phase;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.MobileReply;
import io.herald.channel.sms.SmsOutcome;
import io.herald.channel.sms.SmsReceiptStore;
import io.herald.channel.sms.SmsRef;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SMS receipts in Redis (keys in {@link SmsKeys} and {@code docs/redis-keys.md}). Each part id has
 * a hash in its own bucket: the message it belongs to, or — for a receipt that overtook its submit
 * — the receipt itself. Mapping a part and taking an early receipt is one script on that hash, as
 * is looking a receipt up or keeping it: whichever comes second sees the other, so no receipt is
 * lost. Each part's outcome is set once ({@code HSETNX}) on the message's hash, and the message is
 * decided once ({@code outcome}) in the same script that moves its entry in the bucket's deadline
 * index, so a duplicate receipt, a second node's sweep or a late receipt finds nothing to do.
 */
public final class RedisSmsReceiptStore implements SmsReceiptStore {
  /** How long a receipt for an id not expected (yet) is kept for an expect that may follow. */
  static final Duration ORPHAN_KEPT = Duration.ofHours(1);

  /** How long a message's records outlive its deadline: its late receipts are known as late. */
  static final Duration LATE_KEPT = Duration.ofDays(1);

  /** Within this a decision must be settled, or a sweep returns it again. */
  static final Duration SETTLE_WITHIN = Duration.ofMinutes(10);

  /** How long the last message to a phone from a sender answers a reply. */
  static final Duration LAST_KEPT = Duration.ofDays(30);

  /** How long a phone's count of undeliverable outcomes lasts after its last one. */
  static final Duration UNDELIVERABLE_KEPT = Duration.ofDays(30);

  /** About this many replies stay in an account's log (trimmed with {@code MAXLEN ~}). */
  static final int REPLIES_KEPT = 1000;

  /** An account's reply log goes when no reply came for this long. */
  static final Duration REPLIES_IDLE = Duration.ofDays(90);

  // KEYS: message, due index. ARGV: message, deadline (ms), time to live (ms), parts, ref. A
  // message expected again keeps its first record. Lifetimes are relative: Redis expires on its
  // own clock, not the injected one.
  private static final String EXPECT =
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
  private static final String MAP_PART =
      """
      redis.call('HSET', KEYS[1], 'm', ARGV[1], 'i', ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      local o = redis.call('HMGET', KEYS[1], 'or', 'oe')
      if o[1] then return {o[1], o[2] or ''} end
      return {}
      """;

  // KEYS: part. ARGV: outcome rank, error, orphan lifetime (ms). Returns {message, index} of a
  // mapped part; else keeps the first final receipt for a later expect and returns nothing.
  private static final String RECEIPT =
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
  private static final String APPLY =
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
  private static final String TIME_OUT =
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
  private static final String COUNT =
      """
      local n = redis.call('INCR', KEYS[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return n
      """;

  /** A reference as stored (JSON). */
  record StoredRef(
      String account,
      String origin,
      String id,
      long number,
      String phase,
      String phone,
      String sender,
      String contactKey) {
    static StoredRef of(SmsRef r) {
      return new StoredRef(
          r.account().value(),
          r.origin().name(),
          r.id(),
          r.number(),
          r.phase().name(),
          r.phone(),
          r.sender(),
          r.contactKey());
    }

    SmsRef toRef() {
      return new SmsRef(
          new AccountId(account),
          SmsRef.Origin.valueOf(origin),
          id,
          number,
          Phase.valueOf(phase),
          phone,
          sender,
          contactKey);
    }
  }

  private final Redis redis;
  private final Json json;
  private final Clock clock;

  public RedisSmsReceiptStore(Redis redis, ObjectMapper mapper, Clock clock) {
    this.redis = redis;
    this.json = new Json(mapper);
    this.clock = clock;
  }

  @Override
  public Optional<Decided> expect(List<String> messageIds, SmsRef ref, Instant receiptDeadline) {
    if (messageIds.isEmpty()) {
      throw new IllegalArgumentException("an accepted SMS has at least one part");
    }
    String message = messageIds.getFirst();
    String ttl =
        Long.toString(Math.max(1, receiptDeadline.plus(LATE_KEPT).toEpochMilli() - clock.millis()));
    String stored = json.write(StoredRef.of(ref));
    redis
        .sync()
        .eval(
            EXPECT,
            ScriptOutputType.INTEGER,
            new String[] {SmsKeys.message(message), SmsKeys.dueOf(message)},
            message,
            Long.toString(receiptDeadline.toEpochMilli()),
            ttl,
            Integer.toString(messageIds.size()),
            stored);
    Optional<Decided> decided = Optional.empty();
    for (int i = 0; i < messageIds.size(); i++) {
      List<Object> early =
          redis
              .sync()
              .eval(
                  MAP_PART,
                  ScriptOutputType.MULTI,
                  new String[] {SmsKeys.part(messageIds.get(i))},
                  message,
                  Integer.toString(i + 1),
                  ttl);
      if (!early.isEmpty()) {
        Optional<Decided> now =
            apply(message, i + 1, (String) early.getFirst(), (String) early.get(1));
        decided = now.isPresent() ? now : decided;
      }
    }
    redis
        .sync()
        .set(SmsKeys.last(ref.phone(), ref.sender()), stored, SetArgs.Builder.px(LAST_KEPT));
    return decided;
  }

  @Override
  public Optional<Decided> receipt(DeliveryReceipt receipt) {
    Optional<SmsOutcome> outcome = SmsOutcome.of(receipt.state());
    if (outcome.isEmpty()) {
      return Optional.empty();
    }
    String rank = Integer.toString(outcome.get().ordinal());
    List<Object> mapped =
        redis
            .sync()
            .eval(
                RECEIPT,
                ScriptOutputType.MULTI,
                new String[] {SmsKeys.part(receipt.messageId())},
                rank,
                receipt.error(),
                Long.toString(ORPHAN_KEPT.toMillis()));
    if (mapped.isEmpty()) {
      return Optional.empty();
    }
    return apply(
        (String) mapped.getFirst(),
        Integer.parseInt((String) mapped.get(1)),
        rank,
        receipt.error());
  }

  private Optional<Decided> apply(String message, int part, String rank, String error) {
    List<Object> reply =
        redis
            .sync()
            .eval(
                APPLY,
                ScriptOutputType.MULTI,
                new String[] {SmsKeys.message(message), SmsKeys.dueOf(message)},
                message,
                Integer.toString(part),
                rank,
                error,
                Long.toString(clock.instant().plus(SETTLE_WITHIN).toEpochMilli()));
    return decided(message, reply);
  }

  @Override
  public List<Decided> dueForTimeout(Instant now, int max) {
    List<Decided> found = new ArrayList<>();
    String settleBy = Long.toString(now.plus(SETTLE_WITHIN).toEpochMilli());
    String unknown = Integer.toString(SmsOutcome.UNKNOWN.ordinal());
    for (int bucket = 0; bucket < SmsKeys.BUCKETS && found.size() < max; bucket++) {
      List<String> due =
          redis
              .sync()
              .zrangebyscore(
                  SmsKeys.due(bucket),
                  Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                  Limit.create(0, max - found.size()));
      for (String message : due) {
        List<Object> reply =
            redis
                .sync()
                .eval(
                    TIME_OUT,
                    ScriptOutputType.MULTI,
                    new String[] {SmsKeys.message(message), SmsKeys.due(bucket)},
                    message,
                    Long.toString(now.toEpochMilli()),
                    settleBy,
                    unknown);
        decided(message, reply).ifPresent(found::add);
      }
    }
    return found;
  }

  private Optional<Decided> decided(String message, List<Object> reply) {
    if (!"decided".equals(reply.getFirst())) {
      return Optional.empty();
    }
    SmsOutcome outcome = SmsOutcome.values()[Integer.parseInt((String) reply.get(1))];
    SmsRef ref = json.read((String) reply.get(3), StoredRef.class).toRef();
    return Optional.of(
        new Decided(message, ref, outcome, (String) reply.get(2), "1".equals(reply.get(4))));
  }

  @Override
  public void settled(Decided decided) {
    redis.sync().zrem(SmsKeys.dueOf(decided.message()), decided.message());
  }

  @Override
  public Optional<SmsRef> lastMessage(String phone, String senderAddress) {
    return Optional.ofNullable(redis.sync().get(SmsKeys.last(phone, senderAddress)))
        .map(v -> json.read(v, StoredRef.class).toRef());
  }

  @Override
  public long countUndeliverable(AccountId account, String phone) {
    Long n =
        redis
            .sync()
            .eval(
                COUNT,
                ScriptOutputType.INTEGER,
                new String[] {SmsKeys.undeliverable(account, phone)},
                Long.toString(UNDELIVERABLE_KEPT.toMillis()));
    return n == null ? 0 : n;
  }

  @Override
  public void clearUndeliverable(AccountId account, String phone) {
    redis.sync().del(SmsKeys.undeliverable(account, phone));
  }

  @Override
  public void logReply(Reply reply) {
    String key = SmsKeys.replies(reply.answered().account());
    MobileReply r = reply.reply();
    redis
        .sync()
        .xadd(
            key,
            XAddArgs.Builder.maxlen(REPLIES_KEPT).approximateTrimming(),
            Map.of(
                "at", Long.toString(r.at().toEpochMilli()),
                "from", r.from(),
                "to", r.to(),
                "text", r.text(),
                "optOut", reply.optOut() ? "1" : "0",
                "ref", json.write(StoredRef.of(reply.answered()))));
    redis.sync().pexpire(key, REPLIES_IDLE.toMillis());
  }

  @Override
  public List<Reply> replies(AccountId account, int limit) {
    List<Reply> found = new ArrayList<>();
    for (StreamMessage<String, String> m :
        redis.sync().xrevrange(SmsKeys.replies(account), Range.unbounded(), Limit.from(limit))) {
      Map<String, String> f = m.getBody();
      found.add(
          new Reply(
              json.read(f.get("ref"), StoredRef.class).toRef(),
              new MobileReply(
                  f.get("from"),
                  f.get("to"),
                  f.get("text"),
                  Instant.ofEpochMilli(Long.parseLong(f.get("at")))),
              "1".equals(f.get("optOut"))));
    }
    return found;
  }
}
