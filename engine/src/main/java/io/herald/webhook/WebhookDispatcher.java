package io.herald.webhook;

import io.herald.work.ClaimLoop;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
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
  private final ClaimLoop<WebhookStore.Claimed> loop;
  private final int perEndpoint;
  private final Map<String, Semaphore> busy = new ConcurrentHashMap<>();

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
    this.perEndpoint = perEndpoint;
    this.loop =
        new ClaimLoop<WebhookStore.Claimed>(
            "webhook-dispatcher",
            concurrency,
            new ClaimLoop.Pace(Duration.ofMillis(200), 50),
            new ClaimLoop.Source<WebhookStore.Claimed>() {
              @Override
              public void beforeRound() {
                store.releaseDue(clock.instant(), RELEASE_BATCH);
              }

              @Override
              public List<WebhookStore.Claimed> reclaim(int max) {
                return store.reclaim(consumer, RECLAIM_AFTER, max);
              }

              @Override
              public List<WebhookStore.Claimed> claim(int max) {
                return store.claim(consumer, max);
              }
            },
            this::deliver,
            c -> "webhook event " + c.task().eventId());
  }

  /** Looks at the outbox at once instead of after the idle pause (tasks were just written). */
  void nudge() {
    loop.nudge();
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
    loop.close(Duration.ofSeconds(15));
  }
}
