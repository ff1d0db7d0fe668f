package io.herald.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.account.DomainStore;
import io.herald.account.SendingDomain;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sending domains in Redis: each account's domains in one hash in its own slot, and the owner index
 * (domain → the account that verified it) in {@code {g}}. The owner index alone says who may send
 * from a domain, so a takeover is one write to one key; the loser's record stays, pending.
 */
public final class RedisDomainStore implements DomainStore {
  private static final String UPDATE =
      """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return 1
      """;

  private static final String CLAIM =
      """
      local previous = redis.call('HGET', KEYS[1], ARGV[1])
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return previous
      """;

  // Removes each named domain from the owner index only while this account holds it.
  private static final String RELEASE =
      """
      for i = 2, #ARGV do
        if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
      end
      return 1
      """;

  private final Redis redis;
  private final ObjectMapper json;

  public RedisDomainStore(Redis redis, ObjectMapper json) {
    this.redis = redis;
    this.json = json;
  }

  private record StoredKey(
      String selector, SendingDomain.Algorithm algorithm, String publicKey, String sealed) {}

  private record Stored(
      String name,
      String account,
      String token,
      Instant addedAt,
      Instant verifiedAt,
      String verifiedBy,
      List<StoredKey> keys) {
    static Stored of(SendingDomain d) {
      return new Stored(
          d.name(),
          d.account().value(),
          d.token(),
          d.addedAt(),
          d.verification().map(SendingDomain.Verification::at).orElse(null),
          d.verification().map(SendingDomain.Verification::by).orElse(null),
          d.keys().stream()
              .map(
                  k ->
                      new StoredKey(
                          k.selector(), k.algorithm(), k.publicKey(), k.sealedPrivateKey()))
              .toList());
    }

    SendingDomain toDomain() {
      return new SendingDomain(
          name,
          new AccountId(account),
          token,
          addedAt,
          verifiedAt == null
              ? Optional.empty()
              : Optional.of(new SendingDomain.Verification(verifiedAt, verifiedBy)),
          keys.stream()
              .map(
                  k ->
                      new SendingDomain.DkimKey(
                          k.selector(), k.algorithm(), k.publicKey(), k.sealed()))
              .toList());
    }
  }

  @Override
  public boolean add(SendingDomain domain) {
    return Boolean.TRUE.equals(
        redis.sync().hsetnx(Keys.accountDomains(domain.account()), domain.name(), write(domain)));
  }

  @Override
  public Optional<SendingDomain> find(AccountId account, String name) {
    return Optional.ofNullable(redis.sync().hget(Keys.accountDomains(account), name))
        .map(this::read);
  }

  @Override
  public List<SendingDomain> list(AccountId account) {
    return redis.sync().hvals(Keys.accountDomains(account)).stream()
        .map(this::read)
        .sorted(Comparator.comparing(SendingDomain::name))
        .toList();
  }

  @Override
  public void update(SendingDomain domain) {
    redis.eval(
        UPDATE,
        ScriptOutputType.INTEGER,
        new String[] {Keys.accountDomains(domain.account())},
        domain.name(),
        write(domain));
  }

  @Override
  public Map<String, AccountId> owners(List<String> names) {
    Map<String, AccountId> owners = new HashMap<>();
    if (names.isEmpty()) {
      return owners;
    }
    for (KeyValue<String, String> owner :
        redis.sync().hmget(Keys.domainOwners(), names.toArray(String[]::new))) {
      if (owner.hasValue()) {
        owners.put(owner.getKey(), new AccountId(owner.getValue()));
      }
    }
    return owners;
  }

  @Override
  public Optional<AccountId> claim(String name, AccountId account) {
    String previous =
        redis.eval(
            CLAIM,
            ScriptOutputType.VALUE,
            new String[] {Keys.domainOwners()},
            name,
            account.value());
    return Optional.ofNullable(previous).map(AccountId::new);
  }

  @Override
  public boolean delete(AccountId account, String name) {
    if (redis.sync().hdel(Keys.accountDomains(account), name) == 0) {
      return false;
    }
    release(redis, account, List.of(name));
    return true;
  }

  /** Takes every domain of the account out of the owner index (before the account is deleted). */
  static void releaseAll(Redis redis, AccountId account) {
    release(redis, account, redis.sync().hkeys(Keys.accountDomains(account)));
  }

  private static void release(Redis redis, AccountId account, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    String[] args = new String[names.size() + 1];
    args[0] = account.value();
    for (int i = 0; i < names.size(); i++) {
      args[i + 1] = names.get(i);
    }
    redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {Keys.domainOwners()}, args);
  }

  private String write(SendingDomain domain) {
    try {
      return json.writeValueAsString(Stored.of(domain));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private SendingDomain read(String value) {
    try {
      return json.readValue(value, Stored.class).toDomain();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt sending domain record in Redis", e);
    }
  }
}
