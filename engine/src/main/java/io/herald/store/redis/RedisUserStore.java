package io.herald.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.account.Membership;
import io.herald.account.User;
import io.herald.account.UserId;
import io.herald.account.UserStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.Optional;

/**
 * Users in Redis: one hash of users, an email index and a hash of password hashes, all in {@code
 * {g}} so that creating a user (email index first) and replacing a password (compare-and-set) are
 * one script each.
 */
public final class RedisUserStore implements UserStore {
  private static final String CREATE =
      """
      if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
      redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
      if ARGV[4] == '1' then redis.call('SADD', KEYS[3], ARGV[2]) end
      return 1
      """;

  private static final String DELETE_OF_ACCOUNT =
      """
      local ids = redis.call('SMEMBERS', KEYS[1])
      for _, id in ipairs(ids) do
        local stored = redis.call('HGET', KEYS[2], id)
        if stored then
          local email = cjson.decode(stored)['email']
          if redis.call('HGET', KEYS[3], email) == id then redis.call('HDEL', KEYS[3], email) end
          redis.call('HDEL', KEYS[2], id)
        end
        redis.call('HDEL', KEYS[4], id)
      end
      redis.call('DEL', KEYS[1])
      return #ids
      """;

  // ARGV[2] is the hash the caller saw ('' for none): a link sets a password once.
  private static final String REPLACE_PASSWORD =
      """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
      local now = redis.call('HGET', KEYS[2], ARGV[1]) or ''
      if now ~= ARGV[2] then return 0 end
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
      return 1
      """;

  private static final AccountId NO_ACCOUNT = new AccountId("0000000000000000");

  private final Redis redis;
  private final Json json;

  public RedisUserStore(Redis redis, ObjectMapper mapper) {
    this.redis = redis;
    this.json = new Json(mapper);
  }

  /** A user's record in Redis: the membership flattened, the password hash kept apart. */
  record Stored(
      String id,
      String email,
      String role,
      Optional<String> account,
      String language,
      Instant createdAt) {
    static Stored of(User user) {
      Optional<String> account =
          switch (user.membership()) {
            case Membership.OfAccount a -> Optional.of(a.account().value());
            case Membership.Staff s -> Optional.empty();
          };
      return new Stored(
          user.id().value(),
          user.email(),
          user.membership().role(),
          account,
          user.language(),
          user.createdAt());
    }

    User toUser(Optional<String> passwordHash) {
      return new User(
          new UserId(id),
          email,
          Membership.of(role, account.map(AccountId::new)),
          language,
          createdAt,
          passwordHash);
    }
  }

  @Override
  public boolean create(User user) {
    Optional<AccountId> account =
        switch (user.membership()) {
          case Membership.OfAccount a -> Optional.of(a.account());
          case Membership.Staff s -> Optional.empty();
        };
    // Staff have no account: their third key is the index of no account, never written.
    String index = account.map(UserKeys::accountUsers).orElse(UserKeys.accountUsers(NO_ACCOUNT));
    Long created =
        redis.eval(
            CREATE,
            ScriptOutputType.INTEGER,
            new String[] {UserKeys.userEmails(), UserKeys.users(), index},
            user.email(),
            user.id().value(),
            json.write(Stored.of(user)),
            account.isPresent() ? "1" : "0");
    return created != null && created == 1;
  }

  @Override
  public long deleteOfAccount(AccountId account) {
    Long deleted =
        redis.eval(
            DELETE_OF_ACCOUNT,
            ScriptOutputType.INTEGER,
            new String[] {
              UserKeys.accountUsers(account),
              UserKeys.users(),
              UserKeys.userEmails(),
              UserKeys.passwords()
            });
    return deleted == null ? 0 : deleted;
  }

  @Override
  public Optional<User> find(UserId id) {
    String stored = redis.sync().hget(UserKeys.users(), id.value());
    if (stored == null) {
      return Optional.empty();
    }
    return Optional.of(
        json.read(stored, Stored.class)
            .toUser(Optional.ofNullable(redis.sync().hget(UserKeys.passwords(), id.value()))));
  }

  @Override
  public Optional<User> findByEmail(String email) {
    return Optional.ofNullable(redis.sync().hget(UserKeys.userEmails(), email))
        .flatMap(id -> find(new UserId(id)));
  }

  @Override
  public boolean replacePassword(UserId id, Optional<String> expected, String next) {
    Long replaced =
        redis.eval(
            REPLACE_PASSWORD,
            ScriptOutputType.INTEGER,
            new String[] {UserKeys.users(), UserKeys.passwords()},
            id.value(),
            expected.orElse(""),
            next);
    return replaced != null && replaced == 1;
  }

  @Override
  public boolean setLanguage(UserId id, String language) {
    // Read, change, write: a lost race only loses one of two language choices made at once.
    Optional<String> stored = Optional.ofNullable(redis.sync().hget(UserKeys.users(), id.value()));
    stored.ifPresent(
        s -> {
          Stored was = json.read(s, Stored.class);
          redis
              .sync()
              .hset(
                  UserKeys.users(),
                  id.value(),
                  json.write(
                      new Stored(
                          was.id(),
                          was.email(),
                          was.role(),
                          was.account(),
                          language,
                          was.createdAt())));
        });
    return stored.isPresent();
  }
}
