package io.herald.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts what is in the outbox, on every node: a loop moves due retries back into the outbox, claims
 * as many tasks as it has free slots ({@code webhooks.concurrency}) and posts each on its own
 * virtual thread. Per task: the endpoint still exists → its URL still resolves to an allowed
 * address → it is not already busy with {@code webhooks.perEndpointConcurrency} posts from this
 * node (else the task waits a few seconds in the retry schedule, without counting as an attempt, so
 * a slow endpoint never holds the slots other endpoints need) → sign and post → log the attempt →
 * acknowledge, or schedule the next attempt by {@link Backoff}. A task claimed by a node that died
 * is taken over after {@link #RECLAIM_AFTER}: an endpoint may then get an event twice, which is why
 * every event carries an id.
 */
public final class WebhookDispatcher implements AutoCloseable {
  static final Duration RECLAIM_AFTER = Duration.ofMinutes(2);
  static final Duration BUSY_WAIT = Duration.ofSeconds(2);
  static final int LOG_KEEP = 1000;
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final long IDLE_PAUSE_MILLIS = 200;
  private static final int RECLAIM_EVERY_ROUNDS = 50;
  private static final int RELEASE_BATCH = 500;

  /** Reads an endpoint's signing secret. */
  @FunctionalInterface
  interface Secrets {
    String of(Endpoint endpoint);
  }

  private final WebhookStore store;
  private final WebhookSender sender;
  private final TargetGuard guard;
  private final Secrets secrets;
  private final Backoff backoff;
  private final WebhookMetrics metrics;
  private final Clock clock;
  private final RandomGenerator random;
  private final String consumer;
  private final int concurrency;
  private final int perEndpoint;
  private final Semaphore slots;
  private final Semaphore wake = new Semaphore(0);
  private final Map<String, Semaphore> busy = new ConcurrentHashMap<>();
  private final Thread loop;
  private volatile boolean running = true;

  /** What the dispatcher works with. */
  record Parts(
      WebhookStore store,
      WebhookSender sender,
      TargetGuard guard,
      Secrets secrets,
      Backoff backoff,
      WebhookMetrics metrics,
      Clock clock,
      RandomGenerator random) {}

  WebhookDispatcher(Parts parts, String consumer, int concurrency, int perEndpoint) {
    this.store = parts.store();
    this.sender = parts.sender();
    this.guard = parts.guard();
    this.secrets = parts.secrets();
    this.backoff = parts.backoff();
    this.metrics = parts.metrics();
    this.clock = parts.clock();
    this.random = parts.random();
    this.consumer = consumer;
    this.concurrency = concurrency;
    this.perEndpoint = perEndpoint;
    this.slots = new Semaphore(concurrency);
    this.loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
  }

  /** Looks at the outbox at once instead of after the idle pause (tasks were just written). */
  void nudge() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  private void run() {
    long round = 0;
    while (running) {
      try {
        store.releaseDue(clock.instant(), RELEASE_BATCH);
        if (round++ % RECLAIM_EVERY_ROUNDS == 0) {
          store.reclaim(consumer, RECLAIM_AFTER, concurrency).forEach(this::start);
        }
        slots.acquire(); // wait for a free slot, then claim as many as there are free slots
        slots.release();
        List<WebhookStore.Claimed> claimed =
            store.claim(consumer, Math.max(1, slots.availablePermits()));
        claimed.forEach(this::start);
        if (claimed.isEmpty()) {
          wake.tryAcquire(IDLE_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          log.warn("webhook dispatcher: {}; retrying", e.getMessage());
          pause();
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(IDLE_PAUSE_MILLIS * 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void start(WebhookStore.Claimed claimed) {
    slots.acquireUninterruptibly();
    Thread.ofVirtual()
        .name("webhook-post")
        .start(
            () -> {
              try {
                deliver(claimed);
              } catch (RuntimeException e) {
                // Left unacknowledged: this node or another takes it over after RECLAIM_AFTER.
                log.warn("posting webhook {} failed: {}", claimed.task().eventId(), e.getMessage());
              } finally {
                slots.release();
              }
            });
  }

  private void deliver(WebhookStore.Claimed claimed) {
    Task task = claimed.task();
    Optional<Endpoint> found = store.endpoint(task.account(), task.endpointId());
    if (found.isEmpty()) {
      store.done(claimed); // deleted (or its account was): nothing more to post
      return;
    }
    Semaphore endpointSlots =
        busy.computeIfAbsent(task.endpointId(), id -> new Semaphore(perEndpoint));
    if (!endpointSlots.tryAcquire()) {
      store.retryLater(claimed, task, clock.instant().plus(BUSY_WAIT));
      return;
    }
    WebhookSender.Answer answer;
    try {
      answer = post(found.get(), task);
    } finally {
      endpointSlots.release();
    }
    settle(claimed, answer);
  }

  private WebhookSender.Answer post(Endpoint endpoint, Task task) {
    URI url;
    try {
      url = TargetGuard.form(endpoint.url());
      guard.target(url);
    } catch (WebhookRefused e) {
      return new WebhookSender.Answer(0, Optional.of(e.getMessage()));
    }
    return sender.post(url, secrets.of(endpoint), task);
  }

  private void settle(WebhookStore.Claimed claimed, WebhookSender.Answer answer) {
    Task task = claimed.task();
    Instant now = clock.instant();
    if (answer.delivered()) {
      record(task, now, answer, Attempt.Outcome.DELIVERED);
      store.done(claimed);
      metrics.sent();
      return;
    }
    Optional<Instant> due =
        task.type() == EventType.PING
            ? Optional.empty() // a ping answers "does it work now?": not retried
            : backoff.next(task.attempt(), task.firstAt(), now, random);
    if (due.isPresent()) {
      record(task, now, answer, Attempt.Outcome.RETRYING);
      store.retryLater(claimed, task.nextAttempt(), due.get());
      metrics.retried();
    } else {
      record(task, now, answer, Attempt.Outcome.FAILED);
      store.done(claimed);
      metrics.failed();
    }
  }

  private void record(Task task, Instant at, WebhookSender.Answer answer, Attempt.Outcome outcome) {
    store.log(
        task.account(),
        task.endpointId(),
        new Attempt(
            task.eventId(),
            task.type(),
            task.attempt(),
            at,
            answer.status(),
            outcome,
            answer.error()),
        LOG_KEEP);
  }

  /** Forgets an endpoint's slots (it was deleted). */
  void forget(String endpointId) {
    busy.remove(endpointId);
  }

  @Override
  public void close() {
    running = false;
    wake.release();
    try {
      loop.join(Duration.ofSeconds(2));
      // Posts in flight finish within the timeout; those cut short are taken over later.
      slots.tryAcquire(concurrency, 15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
