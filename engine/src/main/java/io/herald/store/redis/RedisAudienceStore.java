package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.Contact;
import io.herald.audience.ContactList;
import io.herald.audience.ImportJob;
import io.herald.audience.ImportSession;
import io.herald.audience.ListLanguages;
import io.herald.audience.RowIssue;
import io.herald.audience.Suppression;
import io.herald.paging.Page;
import io.lettuce.core.CopyArgs;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
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
  // The suppression and its place in the listing order, together.
  private static final String SUPPRESS =
      """
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('ZADD', KEYS[2], 0, ARGV[1])
      return 1
      """;

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
            Instant.parse(meta.getOrDefault("updatedAt", meta.get("createdAt"))),
            // Lists from before languages were kept speak the default.
            meta.getOrDefault("language", ListLanguages.DEFAULT)));
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
    redis.eval(
        SUPPRESS,
        ScriptOutputType.INTEGER,
        new String[] {Keys.suppressed(account), Keys.suppressedOrder(account)},
        suppression.key(),
        json.write(suppression));
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
  public Page<Suppression> suppressions(AccountId account, Optional<String> after, int limit) {
    indexSuppressions(account);
    Page<String> keys = SortedSetPages.byMember(redis, Keys.suppressedOrder(account), after, limit);
    if (keys.items().isEmpty()) {
      return new Page<>(List.of(), keys.next());
    }
    List<Suppression> found = new ArrayList<>(keys.items().size());
    for (var kv :
        redis.sync().hmget(Keys.suppressed(account), keys.items().toArray(String[]::new))) {
      if (kv.hasValue()) {
        found.add(json.read(kv.getValue(), Suppression.class));
      }
    }
    return new Page<>(found, keys.next());
  }

  // Suppressions written before the order index existed are indexed once, on the first listing.
  private void indexSuppressions(AccountId account) {
    String order = Keys.suppressedOrder(account);
    if (redis.sync().zcard(order) >= redis.sync().hlen(Keys.suppressed(account))) {
      return;
    }
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      var page =
          redis.sync().hscan(Keys.suppressed(account), cursor, ScanArgs.Builder.limit(SCAN_BATCH));
      List<Object> scored = new ArrayList<>();
      for (String key : page.getMap().keySet()) {
        scored.add(0.0);
        scored.add(key);
      }
      if (!scored.isEmpty()) {
        redis.sync().zadd(order, scored.toArray());
      }
      cursor = page;
    } while (!cursor.isFinished());
  }

  @Override
  public Optional<ImportJob> findImport(AccountId account, String importId) {
    Map<String, String> fields = redis.sync().hgetall(Keys.importJob(account, importId));
    return fields.isEmpty() ? Optional.empty() : Optional.of(JobFields.read(fields));
  }

  @Override
  public Page<ImportJob> imports(AccountId account, Optional<String> after, int limit) {
    Page<String> ids = SortedSetPages.newestFirst(redis, Keys.imports(account), after, limit);
    return new Page<>(
        ids.items().stream().flatMap(id -> findImport(account, id).stream()).toList(), ids.next());
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
      AccountId account, ContactList proposed, ImportJob job, Optional<String> language) {
    RedisClusterCommands<String, String> sync = redis.sync();
    String lockKey = Keys.listLock(account, lower(proposed.name()));
    byte[] tokenBytes = new byte[16];
    random.nextBytes(tokenBytes);
    String token = HexFormat.of().formatHex(tokenBytes);
    String locked = sync.set(lockKey, token, SetArgs.Builder.nx().px(LOCK_TTL.toMillis()));
    if (!"OK".equals(locked)) {
      return Optional.empty();
    }
    ContactList target =
        findList(account, proposed.name())
            .map(existing -> language.map(existing::withLanguage).orElse(existing))
            .orElse(proposed);
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
