package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.Contact;
import io.herald.audience.ContactList;
import io.herald.audience.ImportJob;
import io.herald.audience.ImportSession;
import io.herald.audience.RowIssue;
import io.herald.audience.Suppression;
import io.lettuce.core.CopyArgs;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Lists, members, suppressions and imports in Redis; key layout in {@code docs/redis-keys.md}. */
public final class RedisAudienceStore implements AudienceStore {
  static final Duration LOCK_TTL = Duration.ofMinutes(2);
  static final Duration STAGING_TTL = Duration.ofHours(24);
  private static final int SCAN_BATCH = 1000;

  private final Redis redis;
  private final Json json;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public RedisAudienceStore(
      Redis redis, com.fasterxml.jackson.databind.ObjectMapper mapper, Clock clock) {
    this.redis = redis;
    this.json = new Json(mapper);
    this.clock = clock;
  }

  @Override
  public List<ContactList> lists(AccountId account) {
    List<ContactList> lists = new ArrayList<>();
    for (String id : redis.sync().hvals(Keys.lists(account))) {
      list(account, id).ifPresent(lists::add);
    }
    return lists;
  }

  @Override
  public Optional<ContactList> findList(AccountId account, String name) {
    return Optional.ofNullable(redis.sync().hget(Keys.lists(account), lower(name)))
        .flatMap(id -> list(account, id));
  }

  private Optional<ContactList> list(AccountId account, String id) {
    RedisClusterCommands<String, String> sync = redis.sync();
    Map<String, String> meta = sync.hgetall(Keys.list(account, id));
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ContactList(
            id,
            meta.get("name"),
            sync.hlen(Keys.members(account, id)),
            meta.get("consentStatement"),
            Instant.parse(meta.get("createdAt")),
            Instant.parse(meta.getOrDefault("updatedAt", meta.get("createdAt")))));
  }

  @Override
  public void forEachMember(AccountId account, String listId, Consumer<Contact> action) {
    String key = Keys.members(account, listId);
    ConsentCache consents = new ConsentCache(redis, json, account);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      MapScanCursor<String, String> page =
          redis.sync().hscan(key, cursor, ScanArgs.Builder.limit(SCAN_BATCH));
      page.getMap()
          .forEach(
              (k, v) ->
                  action.accept(json.read(v, StoredContact.class).toContact(k, consents::get)));
      cursor = page;
    } while (!cursor.isFinished());
  }

  @Override
  public Optional<Contact> findMember(AccountId account, String listId, String contactKey) {
    ConsentCache consents = new ConsentCache(redis, json, account);
    return Optional.ofNullable(redis.sync().hget(Keys.members(account, listId), contactKey))
        .map(v -> json.read(v, StoredContact.class).toContact(contactKey, consents::get));
  }

  @Override
  public void suppress(AccountId account, Suppression suppression) {
    redis.sync().hset(Keys.suppressed(account), suppression.key(), json.write(suppression));
  }

  @Override
  public java.util.Set<String> suppressedAmong(AccountId account, List<String> keys) {
    if (keys.isEmpty()) {
      return java.util.Set.of();
    }
    java.util.Set<String> found = new java.util.HashSet<>();
    redis
        .sync()
        .hmget(Keys.suppressed(account), keys.toArray(String[]::new))
        .forEach(
            kv -> {
              if (kv.hasValue()) {
                found.add(kv.getKey());
              }
            });
    return found;
  }

  @Override
  public List<Suppression> suppressions(AccountId account, int limit) {
    List<Suppression> found = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      MapScanCursor<String, String> page =
          redis.sync().hscan(Keys.suppressed(account), cursor, ScanArgs.Builder.limit(SCAN_BATCH));
      for (String value : page.getMap().values()) {
        if (found.size() < limit) {
          found.add(json.read(value, Suppression.class));
        }
      }
      cursor = page;
    } while (!cursor.isFinished() && found.size() < limit);
    return found;
  }

  @Override
  public Optional<ImportJob> findImport(AccountId account, String importId) {
    Map<String, String> fields = redis.sync().hgetall(Keys.importJob(account, importId));
    return fields.isEmpty() ? Optional.empty() : Optional.of(JobFields.read(fields));
  }

  @Override
  public List<ImportJob> imports(AccountId account, int limit) {
    return redis.sync().zrevrange(Keys.imports(account), 0, limit - 1L).stream()
        .flatMap(id -> findImport(account, id).stream())
        .toList();
  }

  @Override
  public List<RowIssue> rowIssues(AccountId account, String importId, long offset, int limit) {
    return redis
        .sync()
        .lrange(Keys.importRejects(account, importId), offset, offset + limit - 1)
        .stream()
        .map(v -> json.read(v, RowIssue.class))
        .toList();
  }

  @Override
  public Optional<ImportSession> openImport(
      AccountId account, ContactList proposed, ImportJob job) {
    RedisClusterCommands<String, String> sync = redis.sync();
    String lockKey = Keys.listLock(account, lower(proposed.name()));
    byte[] tokenBytes = new byte[16];
    random.nextBytes(tokenBytes);
    String token = HexFormat.of().formatHex(tokenBytes);
    String locked = sync.set(lockKey, token, SetArgs.Builder.nx().px(LOCK_TTL.toMillis()));
    if (!"OK".equals(locked)) {
      return Optional.empty();
    }
    ContactList target = findList(account, proposed.name()).orElse(proposed);
    sync.hset(Keys.importJob(account, job.id()), JobFields.of(job));
    sync.zadd(Keys.imports(account), job.createdAt().toEpochMilli(), job.id());
    String staging = Keys.importStaging(account, job.id());
    if (target != proposed) {
      sync.copy(Keys.members(account, target.id()), staging, CopyArgs.Builder.replace(true));
    }
    sync.pexpire(staging, STAGING_TTL.toMillis());
    return Optional.of(
        new RedisImportSession(redis, json, clock, account, target, job, lockKey, token));
  }

  static String lower(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
