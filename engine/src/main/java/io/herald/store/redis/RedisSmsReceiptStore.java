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
 * SMS receipts in Redis (keys in {@link SmsKeys} and {@code docs/redis-keys.md}). A message's hash
 * is named by its first part's id and lives in that id's bucket; every later part has a hash in the
 * bucket of its own id that maps it to its message. A receipt that overtook its submit is kept on
 * its part's key. Mapping a part and taking its early receipt is one step on that key, as is
 * looking a receipt up or keeping it: whichever comes second sees the other, so no receipt is lost.
 * Each part's outcome is set once ({@code HSETNX}) on the message's hash, and the message is
 * decided once ({@code outcome}) in the same step that moves its entry in the bucket's deadline
 * index, so a duplicate receipt, a second node's sweep or a late receipt finds nothing to do. The
 * steps of all threads go to Redis together ({@link ScriptOps}): one call per batch on a single
 * server, one per slot on a cluster, instead of a dozen round trips per message.
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
  private final ScriptOps ops;

  public RedisSmsReceiptStore(Redis redis, ObjectMapper mapper, Clock clock) {
    this.redis = redis;
    this.json = new Json(mapper);
    this.clock = clock;
    this.ops = new ScriptOps(redis, SmsReceiptScripts.PRELUDE, SmsReceiptScripts.OPS);
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
    List<ScriptOps.Op> batch = new ArrayList<>(messageIds.size() + 1);
    batch.add(
        new ScriptOps.Op(
            "expect",
            List.of(SmsKeys.message(message), SmsKeys.dueOf(message), SmsKeys.part(message)),
            List.of(
                message,
                Long.toString(receiptDeadline.toEpochMilli()),
                ttl,
                Integer.toString(messageIds.size()),
                stored,
                settleBy())));
    for (int i = 1; i < messageIds.size(); i++) {
      batch.add(
          new ScriptOps.Op(
              "part",
              List.of(SmsKeys.part(messageIds.get(i))),
              List.of(message, Integer.toString(i + 1), ttl)));
    }
    batch.add(
        new ScriptOps.Op(
            "last",
            List.of(SmsKeys.last(ref.phone(), ref.sender())),
            List.of(stored, Long.toString(LAST_KEPT.toMillis()))));
    List<List<Object>> answers = ops.run(batch);
    Optional<Decided> decided = decided(message, answers.getFirst());
    // Receipts of later parts that overtook the submit: applied on the message, in its own slot.
    List<ScriptOps.Op> early = new ArrayList<>();
    for (int i = 1; i < messageIds.size(); i++) {
      List<Object> answer = answers.get(i);
      if ("early".equals(answer.getFirst())) {
        early.add(apply(message, i + 1, (String) answer.get(1), (String) answer.get(2)));
      }
    }
    for (List<Object> answer : early.isEmpty() ? List.<List<Object>>of() : ops.run(early)) {
      Optional<Decided> now = decided(message, answer);
      decided = now.isPresent() ? now : decided;
    }
    return decided;
  }

  @Override
  public Optional<Decided> receipt(DeliveryReceipt receipt) {
    Optional<SmsOutcome> outcome = SmsOutcome.of(receipt.state());
    if (outcome.isEmpty()) {
      return Optional.empty();
    }
    String rank = Integer.toString(outcome.get().ordinal());
    String id = receipt.messageId();
    List<Object> answer =
        ops.run(
            new ScriptOps.Op(
                "receipt",
                List.of(SmsKeys.part(id), SmsKeys.message(id), SmsKeys.dueOf(id)),
                List.of(
                    id, rank, receipt.error(), Long.toString(ORPHAN_KEPT.toMillis()), settleBy())));
    if (!"mapped".equals(answer.getFirst())) {
      return decided(id, answer);
    }
    String message = (String) answer.get(1);
    int part = Integer.parseInt((String) answer.get(2));
    return decided(message, ops.run(apply(message, part, rank, receipt.error())));
  }

  private ScriptOps.Op apply(String message, int part, String rank, String error) {
    return new ScriptOps.Op(
        "apply",
        List.of(SmsKeys.message(message), SmsKeys.dueOf(message)),
        List.of(message, Integer.toString(part), rank, error, settleBy()));
  }

  private String settleBy() {
    return Long.toString(clock.instant().plus(SETTLE_WITHIN).toEpochMilli());
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
  public void settled(Decided decided, boolean clearUndeliverable) {
    ScriptOps.Op settle =
        new ScriptOps.Op(
            "settle", List.of(SmsKeys.dueOf(decided.message())), List.of(decided.message()));
    SmsRef ref = decided.ref();
    ops.run(
        clearUndeliverable ? List.of(settle, clear(ref.account(), ref.phone())) : List.of(settle));
  }

  private static ScriptOps.Op clear(AccountId account, String phone) {
    return new ScriptOps.Op("clear", List.of(SmsKeys.undeliverable(account, phone)), List.of());
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
    ops.run(clear(account, phone));
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
