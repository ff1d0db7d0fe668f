package io.herald.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.webhook.Attempt;
import io.herald.webhook.Endpoint;
import io.herald.webhook.EventType;
import io.herald.webhook.Task;
import io.herald.webhook.WebhookStore;
import io.herald.work.NodeLiveness;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Webhooks in Redis: endpoints in a hash per account, the outbox as one stream (consumer group
 * {@code webhook-senders}; acknowledged entries are deleted, entries left pending by a dead node
 * are taken over with {@code XAUTOCLAIM}), retries in a sorted set moved back by a script, and each
 * endpoint's log as a stream capped at its length.
 */
public final class RedisWebhookStore implements WebhookStore {
  static final String GROUP = "webhook-senders";
  private static final Pattern CURSOR = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");

  /** An endpoint as stored: the record's fields, events by name. */
  record Stored(String id, String url, List<String> events, String secret, Instant createdAt) {}

  /** A log entry as stored. */
  record Logged(
      String eventId,
      String type,
      int attempt,
      Instant at,
      int status,
      String outcome,
      String error) {}

  private final Redis redis;
  private final Json json;
  private final RedisStreamQueue outbox;

  public RedisWebhookStore(Redis redis, ObjectMapper mapper) {
    this(redis, mapper, Optional.empty());
  }

  /** A store whose dead nodes' deliveries are taken over as soon as {@code liveness} says so. */
  public RedisWebhookStore(Redis redis, ObjectMapper mapper, Optional<NodeLiveness> liveness) {
    this.redis = redis;
    this.json = new Json(mapper);
    this.outbox =
        new RedisStreamQueue(
            redis,
            WebhookKeys.outbox(),
            WebhookKeys.retry(),
            GROUP,
            "t",
            liveness.map(l -> new StreamTakeOver(redis, l)));
  }

  @Override
  public void save(Endpoint e) {
    Stored stored =
        new Stored(
            e.id(),
            e.url(),
            e.events().stream().sorted().map(EventType::wire).toList(),
            e.sealedSecret(),
            e.createdAt());
    redis.sync().hset(WebhookKeys.endpoints(e.account()), e.id(), json.write(stored));
  }

  @Override
  public List<Endpoint> endpoints(AccountId account) {
    return redis.sync().hgetall(WebhookKeys.endpoints(account)).values().stream()
        .map(v -> decode(account, v))
        .sorted(Comparator.comparing(Endpoint::createdAt).thenComparing(Endpoint::id))
        .toList();
  }

  @Override
  public Optional<Endpoint> endpoint(AccountId account, String id) {
    return Optional.ofNullable(redis.sync().hget(WebhookKeys.endpoints(account), id))
        .map(v -> decode(account, v));
  }

  private Endpoint decode(AccountId account, String value) {
    Stored s = json.read(value, Stored.class);
    EnumSet<EventType> events = EnumSet.noneOf(EventType.class);
    s.events().forEach(name -> events.add(type(name)));
    return new Endpoint(s.id(), account, s.url(), events, s.secret(), s.createdAt());
  }

  @Override
  public boolean delete(AccountId account, String id) {
    Long removed = redis.sync().hdel(WebhookKeys.endpoints(account), id);
    redis.sync().del(WebhookKeys.log(account, id));
    return removed != null && removed > 0;
  }

  @Override
  public void enqueue(List<Task> tasks) {
    outbox.add(tasks.stream().map(RedisWebhookStore::encode).toList());
  }

  @Override
  public List<Claimed> claim(String consumer, int max) {
    return claimed(outbox.read(redis.sync(), consumer, max, Duration.ZERO));
  }

  @Override
  public List<Claimed> reclaim(String consumer, Duration idle, int max) {
    return claimed(outbox.reclaim(consumer, idle, max));
  }

  @Override
  public void done(Claimed claimed) {
    outbox.acknowledge(List.of(claimed.handle()));
  }

  @Override
  public void retryLater(Claimed claimed, Task next, Instant due) {
    outbox.retryLater(claimed.handle(), encode(next), due);
  }

  @Override
  public int releaseDue(Instant now, int max) {
    return outbox.releaseDue(now, max);
  }

  @Override
  public long backlog() {
    return outbox.backlog();
  }

  @Override
  public void log(AccountId account, String endpointId, Attempt a, int keep) {
    Logged logged =
        new Logged(
            a.eventId(),
            a.type().wire(),
            a.attempt(),
            a.at(),
            a.status(),
            a.outcome().wire(),
            a.error().orElse(null));
    redis
        .sync()
        .xadd(
            WebhookKeys.log(account, endpointId),
            XAddArgs.Builder.maxlen(keep),
            Map.of("j", json.write(logged)));
  }

  @Override
  public Optional<LogPage> log(
      AccountId account, String endpointId, Optional<String> cursor, int limit) {
    if (cursor.isPresent() && !CURSOR.matcher(cursor.get()).matches()) {
      return Optional.empty();
    }
    Range<String> range =
        cursor
            .map(c -> Range.from(Range.Boundary.<String>unbounded(), Range.Boundary.excluding(c)))
            .orElse(Range.unbounded());
    List<StreamMessage<String, String>> page =
        redis.sync().xrevrange(WebhookKeys.log(account, endpointId), range, Limit.from(limit + 1L));
    List<Attempt> attempts = new ArrayList<>();
    for (StreamMessage<String, String> m : page.subList(0, Math.min(limit, page.size()))) {
      attempts.add(attempt(json.read(m.getBody().get("j"), Logged.class)));
    }
    Optional<String> next =
        page.size() > limit ? Optional.of(page.get(limit - 1).getId()) : Optional.empty();
    return Optional.of(new LogPage(attempts, next));
  }

  private static Attempt attempt(Logged l) {
    return new Attempt(
        l.eventId(),
        type(l.type()),
        l.attempt(),
        l.at(),
        l.status(),
        Attempt.Outcome.valueOf(l.outcome().toUpperCase(Locale.ROOT)),
        Optional.ofNullable(l.error()));
  }

  /** A type as stored: its name on the wire ({@code delivered}, {@code viber.seen}). */
  private static EventType type(String wire) {
    return EventType.ofWire(wire)
        .orElseThrow(() -> new IllegalStateException("unknown webhook event type " + wire));
  }

  private static List<Claimed> claimed(List<RedisStreamQueue.Entry> entries) {
    return entries.stream().map(e -> new Claimed(e.handle(), decode(e.payload()))).toList();
  }

  // account|endpoint|event|type|attempt|firstAtMillis|body — the body last, so it may hold '|'.
  static String encode(Task t) {
    return String.join(
        "|",
        t.account().value(),
        t.endpointId(),
        t.eventId(),
        t.type().wire(),
        Integer.toString(t.attempt()),
        Long.toString(t.firstAt().toEpochMilli()),
        t.body());
  }

  static Task decode(String value) {
    String[] f = value.split("\\|", 7);
    return new Task(
        new AccountId(f[0]),
        f[1],
        f[2],
        type(f[3]),
        Integer.parseInt(f[4]),
        Instant.ofEpochMilli(Long.parseLong(f[5])),
        f[6]);
  }
}
