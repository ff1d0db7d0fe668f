package io.herald.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.Account;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Accounts in Redis: one hash of accounts, a unique-name index and a key-hash index. */
public final class RedisAccountStore implements AccountStore {
  // All three keys share the {g} hash tag, so the script is atomic on a cluster too.
  private static final String CREATE =
      """
      if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
      redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
      redis.call('HSET', KEYS[3], ARGV[4], ARGV[2])
      return 1
      """;

  // Removes the account from the global indexes; its key hashes come as ARGV[3..].
  private static final String UNREGISTER =
      """
      local stored = redis.call('HGET', KEYS[1], ARGV[1])
      if not stored then return 0 end
      redis.call('HDEL', KEYS[1], ARGV[1])
      if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[2], ARGV[2]) end
      for i = 3, #ARGV do redis.call('HDEL', KEYS[3], ARGV[i]) end
      return 1
      """;
  private static final int SCAN_BATCH = 1000;

  private final Redis redis;
  private final ObjectMapper json;

  public RedisAccountStore(Redis redis, ObjectMapper json) {
    this.redis = redis;
    this.json = json;
  }

  private record Stored(String id, String name, Instant createdAt) {
    Account toAccount() {
      return new Account(new AccountId(id), name, createdAt);
    }
  }

  @Override
  public boolean create(Account account, String apiKeyHash) {
    Long created =
        redis
            .sync()
            .eval(
                CREATE,
                ScriptOutputType.INTEGER,
                new String[] {Keys.accountNames(), Keys.accounts(), Keys.apiKeys()},
                account.name().toLowerCase(Locale.ROOT),
                account.id().value(),
                write(new Stored(account.id().value(), account.name(), account.createdAt())),
                apiKeyHash);
    return created != null && created == 1L;
  }

  @Override
  public Optional<Account> findByApiKeyHash(String apiKeyHash) {
    return Optional.ofNullable(redis.sync().hget(Keys.apiKeys(), apiKeyHash))
        .map(AccountId::new)
        .flatMap(this::find);
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
  public boolean deleteWithAllData(AccountId id) {
    Optional<Account> account = find(id);
    if (account.isEmpty()) {
      return false;
    }
    List<String> args = new ArrayList<>();
    args.add(id.value());
    args.add(account.get().name().toLowerCase(Locale.ROOT));
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      MapScanCursor<String, String> page =
          redis.sync().hscan(Keys.apiKeys(), cursor, ScanArgs.Builder.limit(SCAN_BATCH));
      page.getMap()
          .forEach(
              (hash, owner) -> {
                if (owner.equals(id.value())) {
                  args.add(hash);
                }
              });
      cursor = page;
    } while (!cursor.isFinished());
    redis
        .sync()
        .eval(
            UNREGISTER,
            ScriptOutputType.INTEGER,
            new String[] {Keys.accounts(), Keys.accountNames(), Keys.apiKeys()},
            args.toArray(String[]::new));
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

  private String write(Stored stored) {
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
