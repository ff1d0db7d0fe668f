package io.herald.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.account.Secrets;
import io.herald.config.WebhookConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Event webhooks of a node: the endpoints accounts register (R10's developer API), the {@link
 * WebhookEvents} delivery and engagement code reports to, and the dispatcher that posts them.
 * Started with the node and closed with it: the queue is written out first, then the dispatcher
 * stops, then its HTTP client.
 */
public final class Webhooks implements AutoCloseable {
  /** Endpoints one account may have. */
  public static final int MAX_ENDPOINTS = 20;

  private static final Pattern ID = Pattern.compile("wh_[0-9a-f]{16}");

  private final WebhookStore store;
  private final TargetGuard guard;
  private final SecretBox box;
  private final EventBody bodies;
  private final EventQueue queue;
  private final WebhookSender sender;
  private final WebhookDispatcher dispatcher;
  private final Clock clock;
  private final RandomGenerator random;

  /** What a node gives its webhooks. */
  public record Parts(
      WebhookStore store,
      SecretBox box,
      ObjectMapper mapper,
      MeterRegistry metrics,
      Clock clock,
      RandomGenerator random) {}

  /** An endpoint just registered, with its secret in clear: shown once. */
  public record Registered(Endpoint endpoint, String secret) {}

  /** A page of endpoints, oldest first; {@code next} is the cursor of the following page. */
  public record Page(List<Endpoint> endpoints, Optional<String> next) {}

  public Webhooks(Parts parts, WebhookConfig config, String consumer) {
    this.store = parts.store();
    this.box = parts.box();
    this.clock = parts.clock();
    this.random = parts.random();
    this.guard = new TargetGuard(config.allowPrivateTargets());
    this.bodies = new EventBody(parts.mapper(), random);
    this.sender = new WebhookSender(config.timeout(), clock);
    this.dispatcher =
        new WebhookDispatcher(
            new WebhookDispatcher.Parts(
                store,
                sender,
                guard,
                endpoint -> box.open(endpoint.sealedSecret()),
                new Backoff(config.maxAttempts(), config.maxAge()),
                new WebhookMetrics(parts.metrics()),
                clock,
                random),
            consumer,
            config.concurrency(),
            config.perEndpointConcurrency());
    this.queue =
        new EventQueue(
            store, bodies, clock, config.queueCapacity(), parts.metrics(), dispatcher::nudge);
  }

  /** Where delivery and engagement code reports events; never blocks. */
  public WebhookEvents events() {
    return queue;
  }

  /**
   * Registers an endpoint for {@code events} (their API names; empty: every type) after checking
   * its URL and target; the answer holds the new secret.
   */
  public Registered register(AccountId account, String url, Optional<List<String>> events)
      throws WebhookRefused {
    Set<EventType> types = types(events);
    guard.check(url);
    if (store.endpoints(account).size() >= MAX_ENDPOINTS) {
      throw new WebhookRefused("an account may have at most " + MAX_ENDPOINTS + " webhooks");
    }
    String secret = Secrets.generate("whsec_", random);
    Endpoint endpoint =
        new Endpoint(newId(), account, url, types, box.seal(secret), clock.instant());
    store.save(endpoint);
    queue.invalidate(account);
    return new Registered(endpoint, secret);
  }

  private static Set<EventType> types(Optional<List<String>> events) throws WebhookRefused {
    if (events.isEmpty()) {
      return EventType.all();
    }
    if (events.get().isEmpty()) {
      throw new WebhookRefused("\"events\" may not be empty (leave it out for every type)");
    }
    EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
    for (String name : events.get()) {
      types.add(
          EventType.subscribable(name == null ? "" : name)
              .orElseThrow(
                  () ->
                      new WebhookRefused(
                          "unknown event type "
                              + quoted(name)
                              + "; known: "
                              + String.join(
                                  ", ", EventType.all().stream().map(EventType::wire).toList()))));
    }
    return types;
  }

  private static String quoted(String name) {
    if (name == null) {
      return "null";
    }
    String shown = name.replaceAll("\\p{Cntrl}", "?");
    return "\"" + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown) + "\"";
  }

  private String newId() {
    return "wh_" + HexFormat.of().toHexDigits(random.nextLong());
  }

  public Optional<Endpoint> find(AccountId account, String id) {
    return ID.matcher(id).matches() ? store.endpoint(account, id) : Optional.empty();
  }

  /** A page of the account's endpoints; empty when the cursor is not one of them. */
  public Optional<Page> list(AccountId account, Optional<String> cursor, int limit) {
    List<Endpoint> all = store.endpoints(account);
    int from = 0;
    if (cursor.isPresent()) {
      int at = indexOf(all, cursor.get());
      if (at < 0) {
        return Optional.empty();
      }
      from = at + 1;
    }
    List<Endpoint> page = new ArrayList<>(all.subList(from, Math.min(all.size(), from + limit)));
    Optional<String> next =
        from + limit < all.size() ? Optional.of(page.getLast().id()) : Optional.empty();
    return Optional.of(new Page(page, next));
  }

  private static int indexOf(List<Endpoint> endpoints, String id) {
    for (int i = 0; i < endpoints.size(); i++) {
      if (endpoints.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Deletes the endpoint and its log; nothing more is posted to it. False when there was none. */
  public boolean delete(AccountId account, String id) {
    if (!ID.matcher(id).matches() || !store.delete(account, id)) {
      return false;
    }
    queue.invalidate(account);
    dispatcher.forget(id);
    return true;
  }

  /** A page of the endpoint's delivery log, newest first; empty for a cursor that is not one. */
  public Optional<WebhookStore.LogPage> deliveries(
      AccountId account, String id, Optional<String> cursor, int limit) {
    return store.log(account, id, cursor, limit);
  }

  /** Queues a {@code ping} event to this endpoint alone; returns its id. */
  public Optional<String> ping(AccountId account, String id) {
    Optional<Endpoint> endpoint = find(account, id);
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    WebhookEvent ping =
        new WebhookEvent(
            EventType.PING,
            now,
            account,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of("endpoint", id));
    Task task = bodies.ping(endpoint.get(), ping);
    store.enqueue(List.of(task));
    dispatcher.nudge();
    return Optional.of(task.eventId());
  }

  /** Posts waiting in the outbox or for a retry (status and tests). */
  public long backlog() {
    return store.backlog();
  }

  @Override
  public void close() {
    try {
      queue.close();
      dispatcher.close();
    } finally {
      sender.close();
    }
  }
}
