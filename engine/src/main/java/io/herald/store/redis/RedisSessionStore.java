package io.herald.store.redis;

import io.herald.account.Session;
import io.herald.account.SessionStore;
import io.herald.account.UserId;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in Redis: one hash per session ({@code user}, {@code csrf}, {@code created}, {@code
 * seen}, {@code stamp}) under the SHA-256 of its id, expiring by itself; and the sign-in counters,
 * one key per window. Each is one key, so no hash tag: they spread over a cluster.
 */
public final class RedisSessionStore implements SessionStore {
  // Only a session that still exists: a touch racing a sign-out must not revive it.
  private static final String TOUCH =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], 'seen', ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1
      """;

  // The counter and its expiry together: no counter outlives its window.
  private static final String COUNT =
      """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return n
      """;

  private final Redis redis;

  public RedisSessionStore(Redis redis) {
    this.redis = redis;
  }

  @Override
  public void put(String idHash, Session session, Duration keep) {
    String key = UserKeys.session(idHash);
    redis
        .sync()
        .hset(
            key,
            Map.of(
                "user", session.user().map(UserId::value).orElse(""),
                "csrf", session.csrf(),
                "created", Long.toString(session.createdAt().toEpochMilli()),
                "seen", Long.toString(session.lastSeen().toEpochMilli()),
                "stamp", session.stamp()));
    redis.sync().pexpire(key, keep.toMillis());
  }

  @Override
  public Optional<Session> find(String idHash) {
    Map<String, String> fields = redis.sync().hgetall(UserKeys.session(idHash));
    if (fields == null || !fields.containsKey("csrf")) {
      return Optional.empty();
    }
    String user = fields.getOrDefault("user", "");
    return Optional.of(
        new Session(
            user.isEmpty() ? Optional.empty() : Optional.of(new UserId(user)),
            fields.get("csrf"),
            Instant.ofEpochMilli(Long.parseLong(fields.get("created"))),
            Instant.ofEpochMilli(Long.parseLong(fields.get("seen"))),
            fields.getOrDefault("stamp", "")));
  }

  @Override
  public void touch(String idHash, Instant seen, Duration keep) {
    redis.eval(
        TOUCH,
        ScriptOutputType.INTEGER,
        new String[] {UserKeys.session(idHash)},
        Long.toString(seen.toEpochMilli()),
        Long.toString(keep.toMillis()));
  }

  @Override
  public void delete(String idHash) {
    redis.sync().del(UserKeys.session(idHash));
  }

  @Override
  public long count(String key, long window, Duration keep) {
    Long count =
        redis.eval(
            COUNT,
            ScriptOutputType.INTEGER,
            new String[] {UserKeys.signInCount(key, window)},
            Long.toString(keep.toMillis()));
    return count == null ? 0 : count;
  }

  @Override
  public long peek(String key, long window) {
    String count = redis.sync().get(UserKeys.signInCount(key, window));
    return count == null ? 0 : Long.parseLong(count);
  }
}
