package io.herald.delivery;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every claimed message, done for many messages at once: record the final outcomes
 * in the ledger (one script per campaign), then acknowledge them in the queue (one script), then
 * free their worker slots. Writing while the previous write is in flight batches by itself: under
 * load one round trip carries dozens of outcomes, idle it carries one at once, with no timer.
 *
 * <p>Order is what keeps a message from being sent twice: the ledger first, the acknowledgement
 * second, so a node that dies in between leaves work that the next claimant finds already final. A
 * slot is freed only once its outcome is recorded (or its write failed), so the messages sent but
 * not yet in the ledger are never more than the worker's concurrency — at most those are resent
 * after a crash.
 */
final class Finisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Finisher.class);
  private static final Duration IDLE_WAIT = Duration.ofMillis(500);
  private static final int MAX_BATCH = 256;

  /** Called after outcomes of a campaign were recorded, with the highest finals count seen. */
  interface Recorded {
    void after(AccountId account, CampaignId campaign, long finals, boolean duplicate);
  }

  /**
   * A claimed item that is done: with an outcome to record ({@code sent}: this attempt went out),
   * or with none, to be acknowledged only. {@code recipient} and {@code reply} (the address and the
   * server's last answer) are for the webhook event of the outcome; empty when there is none.
   */
  record Done(
      WorkQueue.Claimed claimed,
      Optional<String> outcome,
      boolean sent,
      String recipient,
      String reply) {
    static Done acknowledgeOnly(WorkQueue.Claimed claimed) {
      return new Done(claimed, Optional.empty(), false, "", "");
    }
  }

  private record Campaign(AccountId account, CampaignId id) {}

  private static final Duration WRITE_RETRY_FOR = Duration.ofSeconds(20);
  private static final Duration WRITE_RETRY_PAUSE = Duration.ofMillis(500);

  private final WorkQueue queue;
  private final CampaignStore campaigns;
  private final Semaphore slots;
  private final Recorded recorded;
  private final WebhookEvents events;
  private final Clock clock;
  private final BlockingQueue<Done> pending;
  private final Thread writer;
  private volatile boolean running = true;

  /**
   * @param slots released once per finished item, after its outcome is written
   * @param capacity at least the worker's concurrency, so that submitting never waits
   */
  Finisher(
      WorkQueue queue,
      CampaignStore campaigns,
      Semaphore slots,
      Recorded recorded,
      int capacity,
      WebhookEvents events,
      Clock clock) {
    this.queue = queue;
    this.campaigns = campaigns;
    this.slots = slots;
    this.recorded = recorded;
    this.events = events;
    this.clock = clock;
    this.pending = new ArrayBlockingQueue<>(Math.max(1, capacity));
    this.writer = Thread.ofVirtual().name("delivery-finisher").start(this::run);
  }

  /** Hands over a finished item; its slot is released once written. */
  void submit(Done done) {
    boolean interrupted = false;
    while (true) {
      try {
        pending.put(done);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Done> batch = new ArrayList<>(MAX_BATCH);
    while (running || !pending.isEmpty()) {
      try {
        Done first = pending.poll(IDLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // Left unacknowledged (reclaimed later); the writer must live on, or every sender
        // would block on a full hand-over queue.
        log.error("recording {} outcomes: {}", batch.size(), e.toString(), e);
      } finally {
        slots.release(batch.size());
        batch.clear();
      }
    }
  }

  private void write(List<Done> batch) {
    Map<Campaign, List<Done>> byCampaign = new LinkedHashMap<>();
    List<WorkQueue.Claimed> acknowledge = new ArrayList<>(batch.size());
    for (Done done : batch) {
      if (done.outcome().isEmpty()) {
        acknowledge.add(done.claimed());
      } else {
        WorkItem item = done.claimed().item();
        byCampaign
            .computeIfAbsent(new Campaign(item.account(), item.campaign()), c -> new ArrayList<>())
            .add(done);
      }
    }
    Map<Campaign, long[]> results = new LinkedHashMap<>();
    byCampaign.forEach(
        (campaign, dones) -> {
          try {
            List<CampaignStore.Final> finals =
                dones.stream()
                    .map(
                        d ->
                            new CampaignStore.Final(
                                d.claimed().item().recipient(),
                                d.claimed().item().phase(),
                                d.outcome().orElseThrow(),
                                d.sent()))
                    .toList();
            List<Long> counts =
                retrying(() -> campaigns.recordFinals(campaign.account(), campaign.id(), finals));
            long highest = counts.stream().mapToLong(Long::longValue).max().orElse(-1);
            results.put(campaign, new long[] {highest, counts.contains(-1L) ? 1 : 0});
            dones.forEach(d -> acknowledge.add(d.claimed()));
            for (int i = 0; i < dones.size(); i++) {
              if (counts.get(i) != -1L) { // recorded now, not a reclaimed duplicate
                event(dones.get(i)).ifPresent(events::emit);
              }
            }
          } catch (RuntimeException e) {
            // Left unacknowledged: reclaimed after the timeout and found final or not by the
            // ledger.
            log.warn(
                "recording {} outcomes of {}: {}", dones.size(), campaign.id(), e.getMessage());
          }
        });
    try {
      retrying(
          () -> {
            queue.acknowledge(acknowledge);
            return null;
          });
    } catch (RuntimeException e) {
      log.warn("acknowledging {} items: {}", acknowledge.size(), e.getMessage());
    }
    results.forEach(
        (campaign, r) -> {
          try {
            recorded.after(campaign.account(), campaign.id(), r[0], r[1] == 1);
          } catch (RuntimeException e) {
            log.warn("completing {}: {}", campaign.id(), e.getMessage());
          }
        });
  }

  /**
   * Runs a write again while Redis is away for a moment (a cluster failover takes seconds), so the
   * outcomes are recorded and acknowledged when it is back rather than left for the reclaim after
   * {@code delivery.reclaimAfter}. The senders wait meanwhile: the hand-over queue is the
   * backpressure. The script is atomic and a repeat records nothing twice (a recipient already
   * final counts as a duplicate).
   */
  private <T> T retrying(Supplier<T> write) {
    long deadline = System.nanoTime() + WRITE_RETRY_FOR.toNanos();
    while (true) {
      try {
        return write.get();
      } catch (RuntimeException e) {
        if (!running || System.nanoTime() - deadline >= 0) {
          throw e;
        }
        LockSupport.parkNanos(WRITE_RETRY_PAUSE.toNanos());
      }
    }
  }

  /**
   * The webhook event of a recorded outcome: delivered or bounced; none for the others (suppressed,
   * failed: never sent), nor when no endpoint of the account wants it.
   */
  private Optional<WebhookEvent> event(Done done) {
    WorkItem item = done.claimed().item();
    String outcome = done.outcome().orElseThrow();
    boolean delivered = outcome.equals("delivered");
    EventType type = delivered ? EventType.DELIVERED : EventType.BOUNCED;
    if (!(delivered || outcome.startsWith("bounced_")) || !events.wants(item.account(), type)) {
      return Optional.empty();
    }
    Map<String, Object> data =
        delivered
            ? Map.of("reply", done.reply())
            : Map.of("kind", outcome.substring("bounced_".length()), "reply", done.reply());
    return Optional.of(campaignEvent(item, done, type, data));
  }

  private WebhookEvent campaignEvent(
      WorkItem item, Done done, EventType type, Map<String, Object> data) {
    return WebhookEvent.ofCampaign(
        type, clock.instant(), item.account(), item.campaign().value(), done.recipient(), data);
  }

  /** Writes what was handed over, then stops. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(IDLE_WAIT.multipliedBy(4));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
