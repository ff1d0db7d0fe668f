package io.herald.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.message.DeliveryState;
import io.herald.message.MessageId;
import io.herald.message.MessageStatus;
import io.herald.message.MessageStore;
import io.herald.message.StoredMessage;
import io.herald.message.StoredTemplate;
import io.herald.paging.SortedPages;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transactional messages in Redis (keys in {@link MessageKeys}). Accepting a message is one Lua
 * script in the account's slot: check and set the Idempotency-Key, write the summary, the states
 * and the body, index it, and add one item per recipient to the account's transactional stream.
 * Because a script runs alone, two concurrent submits with one key cannot both write. The account
 * is named in the global set of transactional accounts before the script and marked ready after it,
 * so a worker finds the work (a node that dies between the two leaves it to the periodic scan of
 * the set).
 */
public final class RedisMessageStore implements MessageStore {
  static final String GROUP = "tx-workers";

  private static final String CREATE =
      """
      local n = tonumber(ARGV[5])
      if ARGV[7] == '1' then
        local seen = redis.call('GET', KEYS[4])
        if seen then
          local sep = string.find(seen, '|', 1, true)
          local id = string.sub(seen, 1, sep - 1)
          if string.sub(seen, sep + 1) == ARGV[8] then
            return {'replayed', id}
          end
          return {'mismatch', id}
        end
        redis.call('SET', KEYS[4], ARGV[1] .. '|' .. ARGV[8], 'PX', ARGV[9])
      end
      redis.call('HSET', KEYS[2], 'meta', ARGV[3])
      for i = 0, n - 1 do
        redis.call('HSET', KEYS[2], 'r:' .. i, ARGV[6])
      end
      redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[11])
      redis.call('PEXPIRE', KEYS[2], ARGV[11])
      redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[10])
      if redis.call('EXISTS', KEYS[5]) == 0 then
        redis.call('XGROUP', 'CREATE', KEYS[5], ARGV[12], '0', 'MKSTREAM')
      end
      for i = 0, n - 1 do
        redis.call('XADD', KEYS[5], '*', 'i', ARGV[1] .. '|' .. i .. '|1|' .. ARGV[2])
      end
      redis.call('HINCRBY', KEYS[6], 'accepted', n)
      return {'fresh', ARGV[1]}
      """;

  // A later report (a DSN) overrides even a final state; an expired message is not recreated.
  private static final String RECORD_LATE =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then
        return 0
      end
      redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], ARGV[2], 'f:' .. ARGV[1], '1')
      redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
      return 1
      """;

  // Compare and set on a recipient's state name (its JSON's "state"), or on its having no final
  // state yet (f:<n> unset: a receipt that overtook the worker); the counters move with it.
  private static final String ADVANCE =
      """
      local current = redis.call('HGET', KEYS[1], 'r:' .. ARGV[1])
      if not current then
        return 0
      end
      local was = cjson.decode(current)['state']
      if was ~= ARGV[2] and redis.call('HEXISTS', KEYS[1], 'f:' .. ARGV[1]) == 1 then
        return 0
      end
      redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], ARGV[3], 'f:' .. ARGV[1], '1')
      if was == ARGV[2] then
        redis.call('HINCRBY', KEYS[2], ARGV[2], -1)
      end
      redis.call('HINCRBY', KEYS[2], ARGV[4], 1)
      return 1
      """;

  private final Redis redis;
  private final MessageCodec codec;
  private final Json json;
  private final Set<AccountId> known = ConcurrentHashMap.newKeySet();

  public RedisMessageStore(Redis redis, ObjectMapper mapper) {
    this.redis = redis;
    this.json = new Json(mapper);
    this.codec = new MessageCodec(json);
  }

  @Override
  public Created create(
      AccountId account,
      StoredMessage message,
      Optional<Idempotency> idempotency,
      Duration retention) {
    if (!known.contains(account)) {
      redis.sync().sadd(MessageKeys.accounts(), account.value());
      known.add(account);
    }
    String id = message.id().value();
    long created = message.createdAt().toEpochMilli();
    List<Object> result =
        redis.eval(
            CREATE,
            ScriptOutputType.MULTI,
            new String[] {
              MessageKeys.index(account),
              MessageKeys.message(account, id),
              MessageKeys.body(account, id),
              MessageKeys.idempotency(account, idempotency.map(Idempotency::key).orElse("-")),
              MessageKeys.queue(account),
              MessageKeys.stats(account)
            },
            id,
            Long.toString(created),
            codec.meta(message),
            codec.body(message),
            Integer.toString(message.recipients().size()),
            codec.state(new DeliveryState.Queued(message.createdAt())),
            idempotency.isPresent() ? "1" : "0",
            idempotency.map(Idempotency::fingerprint).orElse(""),
            Long.toString(idempotency.map(i -> i.keep().toMillis()).orElse(1L)),
            Long.toString(created - retention.toMillis()),
            Long.toString(retention.toMillis()),
            GROUP);
    String outcome = (String) result.get(0);
    MessageId found = new MessageId((String) result.get(1));
    return switch (outcome) {
      case "fresh" -> {
        redis.sync().sadd(MessageKeys.ready(), account.value());
        yield new Created.Fresh(found);
      }
      case "replayed" -> new Created.Replayed(found);
      case "mismatch" -> new Created.Mismatch(found);
      default -> throw new IllegalStateException("unexpected answer from Redis: " + outcome);
    };
  }

  @Override
  public Optional<StoredMessage> find(AccountId account, MessageId id) {
    String meta = redis.sync().hget(MessageKeys.message(account, id.value()), "meta");
    String body = redis.sync().get(MessageKeys.body(account, id.value()));
    if (meta == null || body == null) {
      return Optional.empty();
    }
    return Optional.of(codec.message(codec.meta(meta), body));
  }

  @Override
  public Optional<MessageStatus> status(AccountId account, MessageId id) {
    return codec.status(redis.sync().hgetall(MessageKeys.message(account, id.value())));
  }

  @Override
  public Optional<DeliveryState> state(AccountId account, MessageId id, int recipient) {
    return Optional.ofNullable(
            redis.sync().hget(MessageKeys.message(account, id.value()), "r:" + recipient))
        .map(codec::state);
  }

  @Override
  public Optional<Page> page(AccountId account, Optional<MessageId> after, int limit) {
    String index = MessageKeys.index(account);
    long start = 0;
    if (after.isPresent()) {
      Long rank = redis.sync().zrevrank(index, after.get().value());
      if (rank == null) {
        return Optional.empty();
      }
      start = rank + 1;
    }
    List<String> ids = redis.sync().zrevrange(index, start, start + limit);
    List<MessageStatus> statuses = new ArrayList<>();
    for (String id : ids.subList(0, Math.min(limit, ids.size()))) {
      Map<String, String> fields = redis.sync().hgetall(MessageKeys.message(account, id));
      codec.status(fields).ifPresent(statuses::add);
    }
    Optional<MessageId> next =
        ids.size() > limit ? Optional.of(new MessageId(ids.get(limit - 1))) : Optional.empty();
    return Optional.of(new Page(statuses, next));
  }

  @Override
  public boolean recordLate(AccountId account, MessageId id, int recipient, DeliveryState state) {
    Long done =
        redis.eval(
            RECORD_LATE,
            ScriptOutputType.INTEGER,
            new String[] {MessageKeys.message(account, id.value()), MessageKeys.stats(account)},
            Integer.toString(recipient),
            codec.state(state),
            RedisTransactionalQueue.counter(state));
    return done != null && done == 1;
  }

  @Override
  public boolean advance(
      AccountId account, MessageId id, int recipient, String from, DeliveryState next) {
    Long moved =
        redis.eval(
            ADVANCE,
            ScriptOutputType.INTEGER,
            new String[] {MessageKeys.message(account, id.value()), MessageKeys.stats(account)},
            Integer.toString(recipient),
            from,
            codec.state(next),
            RedisTransactionalQueue.counter(next));
    return moved != null && moved == 1;
  }

  @Override
  public void putTemplate(AccountId account, StoredTemplate template) {
    redis.sync().hset(MessageKeys.templates(account), template.name(), json.write(template));
  }

  @Override
  public io.herald.paging.Page<StoredTemplate> templates(
      AccountId account, Optional<String> after, int limit) {
    String key = MessageKeys.templates(account);
    io.herald.paging.Page<String> names =
        SortedPages.page(redis.sync().hkeys(key), name -> name, after, limit);
    if (names.items().isEmpty()) {
      return new io.herald.paging.Page<>(List.of(), names.next());
    }
    List<StoredTemplate> found = new ArrayList<>();
    for (var kv : redis.sync().hmget(key, names.items().toArray(String[]::new))) {
      if (kv.hasValue()) {
        found.add(json.read(kv.getValue(), StoredTemplate.class));
      }
    }
    return new io.herald.paging.Page<>(found, names.next());
  }

  @Override
  public Optional<StoredTemplate> findTemplate(AccountId account, String name) {
    return Optional.ofNullable(redis.sync().hget(MessageKeys.templates(account), name))
        .map(value -> json.read(value, StoredTemplate.class));
  }
}
