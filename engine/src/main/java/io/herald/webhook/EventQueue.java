package io.herald.webhook;

import io.herald.account.AccountId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WebhookEvents} of a node: {@link #emit} only looks at a local cache and offers the
 * event to a bounded in-memory queue, so delivery never waits on webhooks; one background virtual
 * thread takes events in batches, turns each into one task per subscribed endpoint and writes them
 * to the Redis outbox in one round trip, from where any node's {@link WebhookDispatcher} posts
 * them.
 *
 * <p>Which endpoints an account has is cached per account for {@link #SUBSCRIPTIONS_TTL}: an event
 * of a type no endpoint of its account wants is dropped in {@code emit}, without a Redis round trip
 * (a change made on this node takes effect at once, one made on another node within the TTL).
 *
 * <p>The honest limit: events in the memory queue are not durable. When the queue is full (Redis
 * slow or away for long), new events are dropped and counted in {@code
 * herald_webhook_events_dropped_total}; events still in memory when a node dies are lost. Once in
 * the outbox they survive restarts and are retried.
 */
public final class EventQueue implements WebhookEvents, AutoCloseable {
  static final Duration SUBSCRIPTIONS_TTL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(EventQueue.class);
  private static final int BATCH = 500;
  private static final int MAX_CACHED_ACCOUNTS = 100_000;
  private static final long DROP_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Duration REDIS_RETRY = Duration.ofSeconds(1);

  private record Subscriptions(List<Endpoint> endpoints, Instant loadedAt) {}

  private final WebhookStore store;
  private final EventBody bodies;
  private final Clock clock;
  private final Runnable written;
  private final BlockingQueue<WebhookEvent> queue;
  private final Map<AccountId, Subscriptions> subscriptions = new ConcurrentHashMap<>();
  private final Counter dropped;
  private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_EVERY_NANOS);
  private final Thread writer;
  private volatile boolean running = true;

  /**
   * @param written called after tasks were written (wakes this node's dispatcher)
   */
  EventQueue(
      WebhookStore store,
      EventBody bodies,
      Clock clock,
      int capacity,
      MeterRegistry metrics,
      Runnable written) {
    this.store = store;
    this.bodies = bodies;
    this.clock = clock;
    this.written = written;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.dropped =
        Counter.builder("herald.webhook.events.dropped")
            .description("webhook events dropped because the in-memory queue was full")
            .register(metrics);
    this.writer = Thread.ofVirtual().name("webhook-outbox").start(this::run);
  }

  @Override
  public void emit(WebhookEvent event) {
    try {
      if (!wants(event.account(), event.type())) {
        return; // nobody listens: not even queued
      }
      if (!queue.offer(event)) {
        dropped.increment();
        long last = lastDropLog.get();
        long now = System.nanoTime();
        if (now - last >= DROP_LOG_EVERY_NANOS && lastDropLog.compareAndSet(last, now)) {
          log.warn(
              "webhook queue full ({} events): events are being dropped (see"
                  + " herald_webhook_events_dropped_total)",
              queue.size());
        }
      }
    } catch (RuntimeException e) {
      log.warn("a webhook event was not queued: {}", e.toString());
    }
  }

  @Override
  public boolean wants(AccountId account, EventType type) {
    Subscriptions known = subscriptions.get(account);
    return known == null
        || !fresh(known)
        || known.endpoints().stream().anyMatch(e -> e.wants(type));
  }

  /** Forgets what this node knows of the account's endpoints (one was added or deleted). */
  void invalidate(AccountId account) {
    subscriptions.remove(account);
  }

  private boolean fresh(Subscriptions s) {
    Instant now = clock.instant();
    return !now.isBefore(s.loadedAt()) && now.isBefore(s.loadedAt().plus(SUBSCRIPTIONS_TTL));
  }

  private List<Endpoint> endpoints(AccountId account) {
    Subscriptions known = subscriptions.get(account);
    if (known != null && fresh(known)) {
      return known.endpoints();
    }
    List<Endpoint> endpoints = store.endpoints(account);
    if (subscriptions.size() >= MAX_CACHED_ACCOUNTS) {
      subscriptions.clear();
    }
    subscriptions.put(account, new Subscriptions(endpoints, clock.instant()));
    return endpoints;
  }

  private void run() {
    List<WebhookEvent> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          WebhookEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
        }
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // Redis away: keep the batch and try again; meanwhile the queue fills and then drops.
        // An Error too: the writer dying would leave every later event unwritten.
        log.warn("writing {} webhook events: {}; retrying", batch.size(), e.toString());
        if (!running) {
          return;
        }
        try {
          Thread.sleep(REDIS_RETRY);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void write(List<WebhookEvent> batch) {
    List<Task> tasks = new ArrayList<>();
    for (WebhookEvent event : batch) {
      tasks.addAll(bodies.tasks(event, endpoints(event.account())));
    }
    if (!tasks.isEmpty()) {
      store.enqueue(tasks);
      written.run();
    }
  }

  /** Writes what is queued (one try), then stops. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
