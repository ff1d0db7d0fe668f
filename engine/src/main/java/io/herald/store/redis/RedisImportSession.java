package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.audience.Contact;
import io.herald.audience.ContactList;
import io.herald.audience.ImportCounts;
import io.herald.audience.ImportJob;
import io.herald.audience.ImportSession;
import io.herald.audience.ImportStatus;
import io.herald.audience.RowIssue;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One staged import in Redis. The staging hash starts as a COPY of the list's members, so merging
 * against the list and against earlier rows of the file is one lookup. Writes are pipelined: a
 * batch's writes are sent without waiting and checked at the next round trip, which Redis answers
 * only after them (one connection keeps order). The commit is a Lua script: lock still ours →
 * create the list if new → RENAME staging over members → job completed.
 */
final class RedisImportSession implements ImportSession {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String RENEW =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      redis.call('PEXPIRE', KEYS[2], ARGV[3])
      return 1
      """;

  private static final String COMMIT =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then
        return redis.error_reply('ERR the list lock was lost (the import stalled too long)')
      end
      local id = redis.call('HGET', KEYS[4], ARGV[2])
      if id and id ~= ARGV[3] then
        return redis.error_reply('ERR the list was replaced during the import')
      end
      if not id then
        redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
        redis.call('HSET', KEYS[5], 'id', ARGV[3], 'name', ARGV[4], 'createdAt', ARGV[5],
          'consentStatement', ARGV[6])
      end
      redis.call('HSET', KEYS[5], 'updatedAt', ARGV[5], 'language', ARGV[7])
      if redis.call('EXISTS', KEYS[2]) == 1 then
        redis.call('RENAME', KEYS[2], KEYS[3])
        redis.call('PERSIST', KEYS[3])
      end
      local consents = tonumber(ARGV[8])
      for i = 9, 8 + 2 * consents, 2 do
        redis.call('HSET', KEYS[7], ARGV[i], ARGV[i + 1])
      end
      redis.call('HSET', KEYS[6], unpack(ARGV, 9 + 2 * consents))
      redis.call('DEL', KEYS[1])
      return 1
      """;

  /**
   * Staging dropped and the lock released in the same step that records the end: a client that
   * reads "refused" or "failed" and starts the next import at once must find the list free.
   */
  private static final String ABANDON =
      """
      redis.call('DEL', KEYS[2])
      if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
      redis.call('HSET', KEYS[3], unpack(ARGV, 2))
      return 1
      """;

  private static final String RELEASE =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
      return 1
      """;

  private final Redis redis;
  private final Json json;
  private final Clock clock;
  private final AccountId account;
  private final ContactList target;
  private final ImportJob job;
  private final String lockKey;
  private final String token;
  private final String staging;
  private final String jobKey;
  private final List<RedisFuture<?>> pending = new ArrayList<>();
  private final ConsentCache consents;
  private final Map<String, String> newConsents = new LinkedHashMap<>();
  private boolean finished;

  RedisImportSession(
      Redis redis,
      Json json,
      Clock clock,
      AccountId account,
      ContactList target,
      ImportJob job,
      String lockKey,
      String token) {
    this.redis = redis;
    this.json = json;
    this.clock = clock;
    this.account = account;
    this.target = target;
    this.job = job;
    this.lockKey = lockKey;
    this.token = token;
    this.staging = Keys.importStaging(account, job.id());
    this.jobKey = Keys.importJob(account, job.id());
    this.consents = new ConsentCache(redis, json, account);
  }

  @Override
  public ContactList target() {
    return target;
  }

  @Override
  public ImportJob job() {
    return job;
  }

  @Override
  public Lookup lookup(List<Contact> batch) {
    if (batch.isEmpty()) {
      awaitPending();
      return new Lookup(Map.of(), Set.of());
    }
    RedisClusterAsyncCommands<String, String> async = redis.async();
    String[] keys = batch.stream().map(Contact::key).distinct().toArray(String[]::new);
    String[] suppressionKeys =
        batch.stream().flatMap(c -> c.suppressionKeys().stream()).distinct().toArray(String[]::new);
    RedisFuture<List<KeyValue<String, String>>> existing = async.hmget(staging, keys);
    RedisFuture<List<KeyValue<String, String>>> suppressed =
        async.hmget(Keys.suppressed(account), suppressionKeys);
    awaitPending();
    Map<String, Contact> found = new HashMap<>();
    for (KeyValue<String, String> kv : await(existing)) {
      if (kv.hasValue()) {
        found.put(
            kv.getKey(),
            json.read(kv.getValue(), StoredContact.class).toContact(kv.getKey(), consents::get));
      }
    }
    Set<String> suppressedKeys = new HashSet<>();
    for (KeyValue<String, String> kv : await(suppressed)) {
      if (kv.hasValue()) {
        suppressedKeys.add(kv.getKey());
      }
    }
    return new Lookup(found, suppressedKeys);
  }

  @Override
  public void stage(List<Contact> contacts, List<RowIssue> issues, ImportCounts counts, long rows) {
    RedisClusterAsyncCommands<String, String> async = redis.async();
    if (!contacts.isEmpty()) {
      Map<String, String> values = new LinkedHashMap<>(contacts.size() * 2);
      for (Contact contact : contacts) {
        values.put(contact.key(), json.write(StoredContact.of(contact)));
        if (!newConsents.containsKey(contact.consent().id())) {
          consents.remember(contact.consent());
          newConsents.put(contact.consent().id(), json.write(contact.consent()));
        }
      }
      pending.add(async.hset(staging, values));
    }
    if (!issues.isEmpty()) {
      pending.add(
          async.rpush(
              Keys.importRejects(account, job.id()),
              issues.stream().map(json::write).toArray(String[]::new)));
    }
    Map<String, String> progress = new HashMap<>(JobFields.counts(counts, clock.instant()));
    progress.put("rows", Long.toString(rows));
    pending.add(async.hset(jobKey, progress));
    pending.add(
        async.eval(
            RENEW,
            ScriptOutputType.INTEGER,
            new String[] {lockKey, staging},
            token,
            Long.toString(RedisAudienceStore.LOCK_TTL.toMillis()),
            Long.toString(RedisAudienceStore.STAGING_TTL.toMillis())));
  }

  @Override
  public void commit(ImportCounts counts, long rows, String format, String encoding, String sheet) {
    awaitPending();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.putAll(JobFields.status(new ImportStatus.Completed(rows)));
    fields.putAll(JobFields.counts(counts, clock.instant()));
    fields.put("format", format);
    fields.put("encoding", encoding);
    fields.put("sheet", sheet);
    fields.put("finishedAt", clock.instant().toString());
    List<String> args = new ArrayList<>();
    args.add(token);
    args.add(RedisAudienceStore.lower(target.name()));
    args.add(target.id());
    args.add(target.name());
    args.add(clock.instant().toString());
    args.add(target.consentStatement());
    args.add(target.language());
    args.add(Integer.toString(newConsents.size()));
    newConsents.forEach(
        (id, value) -> {
          args.add(id);
          args.add(value);
        });
    fields.forEach(
        (k, v) -> {
          args.add(k);
          args.add(v);
        });
    redis.eval(
        COMMIT,
        ScriptOutputType.INTEGER,
        new String[] {
          lockKey,
          staging,
          Keys.members(account, target.id()),
          Keys.lists(account),
          Keys.list(account, target.id()),
          jobKey,
          Keys.consents(account)
        },
        args.toArray(String[]::new));
    finished = true;
  }

  @Override
  public void abandon(ImportStatus status, ImportCounts counts) {
    pending.clear();
    Map<String, String> fields = new HashMap<>(JobFields.status(status));
    fields.putAll(JobFields.counts(counts, clock.instant()));
    fields.put("finishedAt", clock.instant().toString());
    List<String> args = new ArrayList<>();
    args.add(token);
    fields.forEach(
        (k, v) -> {
          args.add(k);
          args.add(v);
        });
    redis.eval(
        ABANDON,
        ScriptOutputType.INTEGER,
        new String[] {lockKey, staging, jobKey},
        args.toArray(String[]::new));
    finished = true;
  }

  @Override
  public void close() {
    if (!finished) {
      redis.sync().del(staging);
    }
    redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {lockKey}, token);
  }

  private void awaitPending() {
    for (RedisFuture<?> future : pending) {
      await(future);
    }
    pending.clear();
  }

  private static <T> T await(RedisFuture<T> future) {
    if (!LettuceFutures.awaitAll(WAIT.toMillis(), TimeUnit.MILLISECONDS, future)) {
      throw new IllegalStateException("Redis did not answer within " + WAIT.toSeconds() + " s");
    }
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException("Redis refused an import write: " + e.getMessage(), e);
    }
  }
}
