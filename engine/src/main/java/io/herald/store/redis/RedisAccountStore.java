package io.herald.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.Account;
import io.herald.account.AccountEvent;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.ApiKey;
import io.herald.account.Freeze;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Accounts in Redis: one hash of accounts (with their freeze), a unique-name index, the key-hash
 * index and each account's keys (kept with {@link RedisApiKeyStore}), and an audit list per
 * account.
 */
public final class RedisAccountStore implements AccountStore {
  // All four keys share the {g} hash tag, so the script is atomic on a cluster too.
  private static final String CREATE =
      """
      if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
      redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
      redis.call('HSET', KEYS[3], ARGV[4], ARGV[2] .. ':' .. ARGV[5])
      redis.call('HSET', KEYS[4], ARGV[5], ARGV[6])
      return 1
      """;

  // Removes the account from the global indexes, with every key hash its key records name.
  private static final String UNREGISTER =
      """
      local stored = redis.call('HGET', KEYS[1], ARGV[1])
      if not stored then return 0 end
      redis.call('HDEL', KEYS[1], ARGV[1])
      if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[2], ARGV[2]) end
      for _, key in ipairs(redis.call('HVALS', KEYS[4])) do
        redis.call('HDEL', KEYS[3], cjson.decode(key)['hash'])
      end
      redis.call('DEL', KEYS[4], KEYS[5])
      return 1
      """;

  // Only an account that exists is written: a freeze never brings a deleted account back.
  private static final String UPDATE =
      """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return 1
      """;

  private static final int SCAN_BATCH = 1000;

  private final Redis redis;
  private final ObjectMapper json;

  public RedisAccountStore(Redis redis, ObjectMapper json) {
    this.redis = redis;
    this.json = json;
  }

  /** The account's freeze as stored; null when it is not frozen. */
  private record StoredFreeze(String reason, Instant at, String by) {}

  private record Stored(String id, String name, Instant createdAt, StoredFreeze frozen) {
    static Stored of(Account account) {
      return new Stored(
          account.id().value(),
          account.name(),
          account.createdAt(),
          account.frozen().map(f -> new StoredFreeze(f.reason(), f.at(), f.by())).orElse(null));
    }

    Account toAccount() {
      return new Account(
          new AccountId(id),
          name,
          createdAt,
          Optional.ofNullable(frozen).map(f -> new Freeze(f.reason(), f.at(), f.by())));
    }
  }

  @Override
  public boolean create(Account account, ApiKey firstKey, String apiKeyHash) {
    Long created =
        redis.eval(
            CREATE,
            ScriptOutputType.INTEGER,
            new String[] {
              Keys.accountNames(), Keys.accounts(), Keys.apiKeys(), Keys.accountKeys(account.id())
            },
            account.name().toLowerCase(Locale.ROOT),
            account.id().value(),
            write(Stored.of(account)),
            apiKeyHash,
            firstKey.id().value(),
            write(RedisApiKeyStore.Stored.of(firstKey, apiKeyHash)));
    return created != null && created == 1L;
  }

  @Override
  public Optional<Account> find(AccountId id) {
    return Optional.ofNullable(redis.sync().hget(Keys.accounts(), id.value())).map(this::read);
  }

  @Override
  public List<Account> all() {
    return redis.sync().hvals(Keys.accounts()).stream().map(this::read).toList();
  }

  @Override
  public Optional<Account> setFrozen(AccountId id, Optional<Freeze> freeze) {
    Optional<Account> current = find(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Account next = current.get().withFrozen(freeze);
    Long written =
        redis.eval(
            UPDATE,
            ScriptOutputType.INTEGER,
            new String[] {Keys.accounts()},
            id.value(),
            write(Stored.of(next)));
    return written != null && written == 1L ? Optional.of(next) : Optional.empty();
  }

  @Override
  public void audit(AccountId id, AccountEvent event) {
    String key = Keys.accountAudit(id);
    redis.sync().lpush(key, write(event));
    redis.sync().ltrim(key, 0, AUDIT_KEPT - 1L);
  }

  @Override
  public List<AccountEvent> auditTrail(AccountId id) {
    return redis.sync().lrange(Keys.accountAudit(id), 0, -1).stream()
        .map(
            value -> {
              try {
                return json.readValue(value, AccountEvent.class);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt account audit entry in Redis", e);
              }
            })
        .toList();
  }

  @Override
  public boolean deleteWithAllData(AccountId id) {
    Optional<Account> account = find(id);
    if (account.isEmpty()) {
      return false;
    }
    redis.eval(
        UNREGISTER,
        ScriptOutputType.INTEGER,
        new String[] {
          Keys.accounts(),
          Keys.accountNames(),
          Keys.apiKeys(),
          Keys.accountKeys(id),
          Keys.accountKeysUsed(id)
        },
        id.value(),
        account.get().name().toLowerCase(Locale.ROOT));
    RedisDomainStore.releaseAll(redis, id); // its domains become free to verify
    deleteKeysOf(id);
    return true;
  }

  // Every key of the account shares its hash tag, so one pattern finds them all (on a cluster,
  // Lettuce's SCAN walks every master).
  private void deleteKeysOf(AccountId id) {
    ScanArgs match = ScanArgs.Builder.matches(Keys.account(id) + "*").limit(SCAN_BATCH);
    KeyScanCursor<String> cursor = redis.sync().scan(match);
    while (true) {
      if (!cursor.getKeys().isEmpty()) {
        redis.sync().unlink(cursor.getKeys().toArray(String[]::new));
      }
      if (cursor.isFinished()) {
        return;
      }
      cursor = redis.sync().scan(cursor, match);
    }
  }

  private String write(Object stored) {
    try {
      return json.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Account read(String value) {
    try {
      return json.readValue(value, Stored.class).toAccount();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt account record in Redis", e);
    }
  }
}
