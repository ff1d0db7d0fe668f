package io.herald.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.message.DeliveryState;
import io.herald.message.MessageId;
import io.herald.message.TransactionalQueue;
import io.herald.work.NodeLiveness;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The transactional queue in Redis: one stream per account ({@code {a:<id>}:txq}, consumer group
 * {@code tx-workers}) with its retry schedule ({@code :txq:retry}), in the account's slot so that
 * accepting a message and queueing it are one script, and so is recording a recipient's state with
 * acknowledging its item. Workers poll the accounts in the global {@code tx:ready} set; an account
 * leaves it when its stream and schedule are empty (removed first and checked after, so a message
 * queued meanwhile puts it back), and every account in {@code tx:accounts} is put back into it at a
 * node's first claim and every {@link #RESCAN} after. Acknowledged entries are deleted, so a stream
 * holds only what is waiting or in flight. A frozen account's stream is not read at all (the {@code
 * skip} of {@link #claim(String, int, Instant, Predicate)}); copies a worker had already claimed
 * wait apart in {@code :txq:held} (see {@link #hold}) and come back, all at once, when it is
 * unfrozen, or when due once the account is no longer frozen.
 */
public final class RedisTransactionalQueue implements TransactionalQueue {
  static final Duration RESCAN = Duration.ofSeconds(30);
  private static final int RELEASE_BATCH = 100;

  private static final String FINISH =
      """
      local recorded = 0
      if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HEXISTS', KEYS[1], 'f:' .. ARGV[3]) == 0 then
        redis.call('HSET', KEYS[1], 'r:' .. ARGV[3], ARGV[4], 'f:' .. ARGV[3], '1')
        redis.call('HINCRBY', KEYS[3], ARGV[5], 1)
        recorded = 1
      end
      redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[2], ARGV[2])
      return recorded
      """;

  private static final String DEFER =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HEXISTS', KEYS[1], 'f:' .. ARGV[3]) == 0 then
        redis.call('HSET', KEYS[1], 'r:' .. ARGV[3], ARGV[4])
        redis.call('HINCRBY', KEYS[3], 'deferred', 1)
      end
      redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[2], ARGV[2])
      redis.call('ZADD', KEYS[4], ARGV[5], ARGV[6])
      return 1
      """;

  // Puts a frozen account's copy aside, state untouched, until ARGV[3] (or an unfreeze); nothing
  // when the stream is gone (the account was deleted meanwhile).
  private static final String HOLD =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[1], ARGV[2])
      redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
      return 1
      """;

  // Moves what is due from the retry schedule (KEYS[2]) and the held set (KEYS[3]) to the stream.
  private static final String RELEASE =
      """
      local moved = 0
      for i = 2, 3 do
        local due = redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', ARGV[i - 1], 'LIMIT', 0, ARGV[3])
        for _, item in ipairs(due) do
          redis.call('ZREM', KEYS[i], item)
          redis.call('XADD', KEYS[1], '*', 'i', item)
        end
        moved = moved + #due
      end
      return moved
      """;

  private static final String SIZE =
      """
      return redis.call('XLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3])
      """;

  private final Redis redis;
  private final MessageCodec codec;
  private final Optional<StreamTakeOver> takeOver;
  private volatile Instant lastScan = Instant.MIN;

  public RedisTransactionalQueue(Redis redis, ObjectMapper mapper) {
    this(redis, mapper, Optional.empty());
  }

  /** A queue whose dead nodes' messages are taken over as soon as {@code liveness} says so. */
  public RedisTransactionalQueue(
      Redis redis, ObjectMapper mapper, Optional<NodeLiveness> liveness) {
    this.redis = redis;
    this.codec = new MessageCodec(new Json(mapper));
    this.takeOver = liveness.map(l -> new StreamTakeOver(redis, l));
  }

  @Override
  public List<Claimed> claim(String consumer, int max, Instant now, Predicate<AccountId> skip) {
    if (!now.isBefore(lastScan.plus(RESCAN))) {
      lastScan = now;
      List<String> all = new ArrayList<>(redis.sync().smembers(MessageKeys.accounts()));
      if (!all.isEmpty()) {
        redis.sync().sadd(MessageKeys.ready(), all.toArray(String[]::new));
      }
    }
    List<String> ready = new ArrayList<>(redis.sync().smembers(MessageKeys.ready()));
    Collections.shuffle(ready); // no account always first
    List<Claimed> claimed = new ArrayList<>();
    for (String id : ready) {
      if (claimed.size() >= max) {
        break;
      }
      AccountId account = new AccountId(id);
      if (skip.test(account)) {
        continue; // stays ready: it is read again once skip lets it
      }
      try {
        List<Claimed> got = claim(account, consumer, max - claimed.size(), now);
        if (got.isEmpty()) {
          retireIfEmpty(account);
        }
        claimed.addAll(got);
      } catch (RedisCommandExecutionException e) {
        if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
          throw e;
        }
        forget(account); // its keys are gone: the account was deleted (R12)
      }
    }
    return claimed;
  }

  private List<Claimed> claim(AccountId account, String consumer, int max, Instant now) {
    String millis = Long.toString(now.toEpochMilli());
    release(account, millis, millis);
    List<StreamMessage<String, String>> messages =
        redis
            .sync()
            .xreadgroup(
                Consumer.from(RedisMessageStore.GROUP, consumer),
                XReadArgs.Builder.count(max),
                XReadArgs.StreamOffset.lastConsumed(MessageKeys.queue(account)));
    return messages.stream().map(m -> claimed(account, m)).toList();
  }

  /** Takes the account out of the ready set when it has nothing left; see the class comment. */
  private void retireIfEmpty(AccountId account) {
    if (size(account) > 0) {
      return;
    }
    redis.sync().srem(MessageKeys.ready(), account.value());
    if (size(account) > 0) {
      redis.sync().sadd(MessageKeys.ready(), account.value());
    }
  }

  private void release(AccountId account, String retriesDue, String heldDue) {
    redis.eval(
        RELEASE,
        ScriptOutputType.INTEGER,
        new String[] {
          MessageKeys.queue(account), MessageKeys.retry(account), MessageKeys.held(account)
        },
        retriesDue,
        heldDue,
        Integer.toString(RELEASE_BATCH));
  }

  private long size(AccountId account) {
    Long size =
        redis.eval(
            SIZE,
            ScriptOutputType.INTEGER,
            new String[] {
              MessageKeys.queue(account), MessageKeys.retry(account), MessageKeys.held(account)
            });
    return size == null ? 0 : size;
  }

  private void forget(AccountId account) {
    redis.sync().srem(MessageKeys.ready(), account.value());
    redis.sync().srem(MessageKeys.accounts(), account.value());
  }

  @Override
  public List<Claimed> reclaim(String consumer, Duration idle, int max) {
    List<Claimed> claimed = new ArrayList<>();
    for (String id : redis.sync().smembers(MessageKeys.ready())) {
      if (claimed.size() >= max) {
        break;
      }
      AccountId account = new AccountId(id);
      try {
        if (takeOver.isPresent()) {
          takeOver
              .get()
              .take(
                  MessageKeys.queue(account),
                  RedisMessageStore.GROUP,
                  consumer,
                  max - claimed.size())
              .stream()
              .filter(t -> t.body().containsKey("i"))
              .map(
                  t ->
                      claimed(
                          account,
                          new StreamMessage<>(MessageKeys.queue(account), t.id(), t.body())))
              .forEach(claimed::add);
          if (claimed.size() >= max) {
            break;
          }
        }
        ClaimedMessages<String, String> taken =
            redis
                .sync()
                .xautoclaim(
                    MessageKeys.queue(account),
                    XAutoClaimArgs.Builder.xautoclaim(
                            Consumer.from(RedisMessageStore.GROUP, consumer), idle, "0-0")
                        .count(max - claimed.size()));
        taken.getMessages().stream()
            .filter(m -> m.getBody() != null && m.getBody().containsKey("i"))
            .map(m -> claimed(account, m))
            .forEach(claimed::add);
      } catch (RedisCommandExecutionException e) {
        if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
          throw e;
        }
        forget(account);
      }
    }
    return claimed;
  }

  @Override
  public boolean finish(Claimed claimed, DeliveryState state) {
    Item item = claimed.item();
    AccountId account = item.account();
    Long recorded =
        redis.eval(
            FINISH,
            ScriptOutputType.INTEGER,
            new String[] {
              MessageKeys.message(account, item.message().value()),
              MessageKeys.queue(account),
              MessageKeys.stats(account)
            },
            RedisMessageStore.GROUP,
            entryId(claimed),
            Integer.toString(item.recipient()),
            codec.state(state),
            counter(state));
    return recorded != null && recorded == 1;
  }

  @Override
  public void defer(Claimed claimed, DeliveryState.Deferred state, Item next) {
    AccountId account = claimed.item().account();
    redis.eval(
        DEFER,
        ScriptOutputType.INTEGER,
        new String[] {
          MessageKeys.message(account, claimed.item().message().value()),
          MessageKeys.queue(account),
          MessageKeys.stats(account),
          MessageKeys.retry(account)
        },
        RedisMessageStore.GROUP,
        entryId(claimed),
        Integer.toString(claimed.item().recipient()),
        codec.state(state),
        Long.toString(state.nextTry().toEpochMilli()),
        encode(next));
  }

  @Override
  public void hold(Claimed claimed, Instant until) {
    AccountId account = claimed.item().account();
    redis.eval(
        HOLD,
        ScriptOutputType.INTEGER,
        new String[] {MessageKeys.queue(account), MessageKeys.held(account)},
        RedisMessageStore.GROUP,
        entryId(claimed),
        Long.toString(until.toEpochMilli()),
        encode(claimed.item()));
  }

  @Override
  public void releaseHeld(AccountId account) {
    if (held(account) == 0) {
      return;
    }
    Long before;
    do { // a batch at a time; the retry schedule is left alone ('-inf': nothing is due)
      before = redis.sync().zcard(MessageKeys.held(account));
      release(account, "-inf", "+inf");
    } while (before != null && before > RELEASE_BATCH);
    redis.sync().sadd(MessageKeys.ready(), account.value());
  }

  @Override
  public long held(AccountId account) {
    Long held = redis.sync().zcard(MessageKeys.held(account));
    return held == null ? 0 : held;
  }

  @Override
  public long backlog() {
    long total = 0;
    for (String id : redis.sync().smembers(MessageKeys.accounts())) {
      total += size(new AccountId(id));
    }
    return total;
  }

  /** The stats counter a state counts in: delivered, bounced_hard, suppressed, … */
  static String counter(DeliveryState state) {
    return state instanceof DeliveryState.Bounced b
        ? "bounced_" + b.kind().name().toLowerCase(Locale.ROOT)
        : state.name();
  }

  // The handle is <account>/<stream entry id>: the account names the stream.
  private static Claimed claimed(AccountId account, StreamMessage<String, String> message) {
    return new Claimed(
        account.value() + "/" + message.getId(), decode(account, message.getBody().get("i")));
  }

  private static String entryId(Claimed claimed) {
    return claimed.handle().substring(claimed.handle().indexOf('/') + 1);
  }

  // message|recipient|attempt|firstQueuedAtMillis; the account is the stream's.
  static String encode(Item item) {
    return String.join(
        "|",
        item.message().value(),
        Integer.toString(item.recipient()),
        Integer.toString(item.attempt()),
        Long.toString(item.firstQueuedAt().toEpochMilli()));
  }

  static Item decode(AccountId account, String value) {
    String[] f = value.split("\\|");
    return new Item(
        account,
        new MessageId(f[0]),
        Integer.parseInt(f[1]),
        Integer.parseInt(f[2]),
        Instant.ofEpochMilli(Long.parseLong(f[3])));
  }
}
