package io.herald.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.Account;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
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
