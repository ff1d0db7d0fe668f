package io.herald.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.ApiKey;
import io.herald.account.ApiKeyId;
import io.herald.account.ApiKeyStore;
import io.herald.account.Caller;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys in Redis: the global index {@code apikeys} (hash of a key → {@code <account>:<key id>})
 * and, per account, its keys' records and last uses. All in the {@code {g}} slot, so adding or
 * deleting a key changes the index and the records in one script, atomically on a cluster too.
 */
public final class RedisApiKeyStore implements ApiKeyStore {
  private static final String ADD =
      """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
      if redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[5]) then return -2 end
      redis.call('HSET', KEYS[2], ARGV[3], ARGV[1] .. ':' .. ARGV[2])
      redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
      return 1
      """;

  private static final String DELETE =
      """
      local stored = redis.call('HGET', KEYS[2], ARGV[1])
      if not stored then return 0 end
      if ARGV[2] == '0' and redis.call('HLEN', KEYS[2]) <= 1 then return -1 end
      redis.call('HDEL', KEYS[1], cjson.decode(stored)['hash'])
      redis.call('HDEL', KEYS[2], ARGV[1])
      redis.call('HDEL', KEYS[3], ARGV[1])
      return 1
      """;

  private static final String TOUCH =
      """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
      end
      return 1
      """;

  private final Redis redis;
  private final ObjectMapper json;
  private final AccountStore accounts;

  public RedisApiKeyStore(Redis redis, ObjectMapper json, AccountStore accounts) {
    this.redis = redis;
    this.json = json;
    this.accounts = accounts;
  }

  /** A key's record in Redis: the hash is kept so that deleting the key can find its index. */
  record Stored(String id, String name, Instant createdAt, String hash) {
    static Stored of(ApiKey key, String hash) {
      return new Stored(key.id().value(), key.name(), key.createdAt(), hash);
    }

    ApiKey toKey(Optional<Instant> lastUsedAt) {
      return new ApiKey(new ApiKeyId(id), name, createdAt, lastUsedAt);
    }
  }

  @Override
  public Added add(AccountId account, ApiKey key, String hash, int max) {
    Long added =
        redis.eval(
            ADD,
            ScriptOutputType.INTEGER,
            new String[] {Keys.accounts(), Keys.apiKeys(), Keys.accountKeys(account)},
            account.value(),
            key.id().value(),
            hash,
            write(Stored.of(key, hash)),
            Integer.toString(max));
    return switch (added == null ? 0 : added.intValue()) {
      case 1 -> Added.ADDED;
      case -2 -> Added.TOO_MANY;
      default -> Added.NO_ACCOUNT;
    };
  }

  @Override
  public List<ApiKey> list(AccountId account) {
    Map<String, String> used = redis.sync().hgetall(Keys.accountKeysUsed(account));
    return redis.sync().hvals(Keys.accountKeys(account)).stream()
        .map(this::read)
        .map(
            s ->
                s.toKey(
                    Optional.ofNullable(used.get(s.id()))
                        .map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)))))
        .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(k -> k.id().value()))
        .toList();
  }

  @Override
  public Deleted delete(AccountId account, ApiKeyId key, boolean allowLast) {
    Long deleted =
        redis.eval(
            DELETE,
            ScriptOutputType.INTEGER,
            new String[] {Keys.apiKeys(), Keys.accountKeys(account), Keys.accountKeysUsed(account)},
            key.value(),
            allowLast ? "1" : "0");
    return switch (deleted == null ? 0 : deleted.intValue()) {
      case 1 -> Deleted.DELETED;
      case -1 -> Deleted.LAST_KEY;
      default -> Deleted.NOT_FOUND;
    };
  }

  @Override
  public Optional<Caller> findByHash(String hash) {
    String owner = redis.sync().hget(Keys.apiKeys(), hash);
    int colon = owner == null ? -1 : owner.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    AccountId account = new AccountId(owner.substring(0, colon));
    ApiKeyId key = new ApiKeyId(owner.substring(colon + 1));
    return accounts.find(account).map(a -> new Caller(a, key));
  }

  @Override
  public void touch(AccountId account, ApiKeyId key, Instant at) {
    // Fire and forget: a lost update only makes lastUsedAt a minute older.
    redis
        .async()
        .eval(
            TOUCH,
            ScriptOutputType.INTEGER,
            new String[] {Keys.accountKeys(account), Keys.accountKeysUsed(account)},
            key.value(),
            Long.toString(at.toEpochMilli()));
  }

  String write(Stored stored) {
    try {
      return json.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Stored read(String value) {
    try {
      return json.readValue(value, Stored.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt API key record in Redis", e);
    }
  }
}
