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
import io.lettuce.core.RedisFuture;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  /** How long an answer from Redis is waited for (its command timeout is the same). */
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** About this many replies stay in an account's log (trimmed with {@code MAXLEN ~}). */
  static final int REPLIES_KEPT = 1000;

  /** An account's reply log goes when no reply came for this long. */
  static final Duration REPLIES_IDLE = Duration.ofDays(90);

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
    redis.eval(
        SmsReceiptScripts.EXPECT,
        ScriptOutputType.INTEGER,
        new String[] {SmsKeys.message(message), SmsKeys.dueOf(message)},
        message,
        Long.toString(receiptDeadline.toEpochMilli()),
        ttl,
        Integer.toString(messageIds.size()),
        stored);
    // The parts and the last-message record are independent of each other: one round trip.
    List<RedisFuture<List<Object>>> parts = new ArrayList<>(messageIds.size());
    for (int i = 0; i < messageIds.size(); i++) {
      parts.add(
          redis
              .async()
              .eval(
                  SmsReceiptScripts.MAP_PART,
                  ScriptOutputType.MULTI,
                  new String[] {SmsKeys.part(messageIds.get(i))},
                  message,
                  Integer.toString(i + 1),
                  ttl));
    }
    RedisFuture<String> last =
        redis
            .async()
            .set(SmsKeys.last(ref.phone(), ref.sender()), stored, SetArgs.Builder.px(LAST_KEPT));
    Optional<Decided> decided = Optional.empty();
    for (int i = 0; i < parts.size(); i++) {
      List<Object> early = await(parts.get(i));
      if (!early.isEmpty()) {
        Optional<Decided> now =
            apply(message, i + 1, (String) early.getFirst(), (String) early.get(1));
        decided = now.isPresent() ? now : decided;
      }
    }
    await(last);
    return decided;
  }

  private static <T> T await(RedisFuture<T> future) {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Redis", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Redis did not record an accepted SMS: " + e, e);
    }
  }

  @Override
  public Optional<Decided> receipt(DeliveryReceipt receipt) {
    Optional<SmsOutcome> outcome = SmsOutcome.of(receipt.state());
    if (outcome.isEmpty()) {
      return Optional.empty();
    }
    String rank = Integer.toString(outcome.get().ordinal());
    List<Object> mapped =
        redis.eval(
            SmsReceiptScripts.RECEIPT,
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
        redis.eval(
            SmsReceiptScripts.APPLY,
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
            redis.eval(
                SmsReceiptScripts.TIME_OUT,
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
        redis.eval(
            SmsReceiptScripts.COUNT,
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
