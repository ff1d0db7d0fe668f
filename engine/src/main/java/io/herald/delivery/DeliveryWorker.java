package io.herald.delivery;

import io.herald.audience.AudienceStore;
import io.herald.audience.ContactKeys;
import io.herald.audience.Suppression;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Campaigns;
import io.herald.campaign.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims work from the durable queue and delivers it, one virtual thread per message, at most
 * {@code concurrency} at a time (the semaphore is the backpressure: nothing more is claimed than
 * can be sent). Per message: campaign still sending → not already final (a reclaimed duplicate) →
 * not suppressed since the snapshot → build → send → record the outcome once in the ledger →
 * acknowledge. A message whose node dies before the acknowledgement is reclaimed by another node;
 * the ledger makes that resend happen only for messages that were in flight.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final Duration CLAIM_WAIT = Duration.ofMillis(500);
  private static final Duration PAUSED_RECHECK = Duration.ofSeconds(5);
  private static final int CACHED_DEFINITIONS = 256;

  private final WorkQueue queue;
  private final CampaignStore campaigns;
  private final Campaigns lifecycle;
  private final AudienceStore audience;
  private final MessageFactory messages;
  private final EmailTransport transport;
  private final RetryPolicy retries;
  private final Clock clock;
  private final RandomGenerator random;
  private final String consumer;
  private final Duration reclaimAfter;
  private final Semaphore slots;
  private final int concurrency;
  private final java.util.Map<io.herald.campaign.CampaignId, Campaign> definitions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean running = true;
  private final Thread loop;

  /** Everything the worker works with, wired by the composition root. */
  public record Parts(
      WorkQueue queue,
      CampaignStore campaigns,
      Campaigns lifecycle,
      AudienceStore audience,
      MessageFactory messages,
      EmailTransport transport,
      RetryPolicy retries,
      Clock clock,
      RandomGenerator random) {}

  public DeliveryWorker(Parts parts, String consumer, int concurrency, Duration reclaimAfter) {
    this.queue = parts.queue();
    this.campaigns = parts.campaigns();
    this.lifecycle = parts.lifecycle();
    this.audience = parts.audience();
    this.messages = parts.messages();
    this.transport = parts.transport();
    this.retries = parts.retries();
    this.clock = parts.clock();
    this.random = parts.random();
    this.consumer = consumer;
    this.reclaimAfter = reclaimAfter;
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    this.loop = Thread.ofVirtual().name("delivery-" + consumer).start(this::run);
  }

  private void run() {
    Instant lastHousekeeping = Instant.MIN;
    while (running) {
      try {
        Instant now = clock.instant();
        if (Duration.between(lastHousekeeping, now).compareTo(Duration.ofSeconds(1)) >= 0) {
          queue.releaseDue(now, 1000);
          queue.reclaim(consumer, reclaimAfter, concurrency).forEach(this::submit);
          lastHousekeeping = now;
        }
        // Wait until a slot is free, then claim as many messages as there are free slots.
        slots.acquire();
        slots.release();
        queue
            .claim(consumer, Math.max(1, slots.availablePermits()), CLAIM_WAIT)
            .forEach(this::submit);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          log.warn("delivery loop: {}; retrying", e.getMessage());
        }
      }
    }
  }

  private void submit(WorkQueue.Claimed claimed) {
    slots.acquireUninterruptibly();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                deliver(claimed);
              } catch (RuntimeException e) {
                // Left unacknowledged: another node (or this one) reclaims it after the timeout.
                log.warn("delivering {} failed: {}", claimed.item(), e.getMessage());
              } finally {
                slots.release();
              }
            });
  }

  void deliver(WorkQueue.Claimed claimed) {
    WorkItem item = claimed.item();
    CampaignStore.SendCheck check =
        campaigns.check(item.account(), item.campaign(), item.recipient());
    Optional<Campaign> found = check.state().flatMap(s -> definition(item));
    if (found.isEmpty() || check.recipient().isEmpty()) {
      queue.acknowledge(claimed);
      return;
    }
    switch (check.state().get()) {
      case CampaignState.Paused p -> {
        queue.retryLater(claimed, item, clock.instant().plus(PAUSED_RECHECK));
        return;
      }
      case CampaignState.Held h -> {
        // Waits for the administrator: approved, it goes out; rejected, it is dropped.
        queue.retryLater(claimed, item, clock.instant().plus(PAUSED_RECHECK));
        return;
      }
      case CampaignState.Rejected r -> {
        queue.acknowledge(claimed);
        return;
      }
      case CampaignState.Sending s -> {}
      case CampaignState.Draft d -> {}
      case CampaignState.Completed c -> {}
      case CampaignState.Cancelled c -> {
        queue.acknowledge(claimed);
        return;
      }
    }
    if (check.alreadyFinal()) {
      queue.acknowledge(claimed);
      return;
    }
    if (check.suppressed()) {
      finish(claimed, "suppressed", false);
      return;
    }
    send(claimed, found.get(), check.recipient().get());
  }

  /**
   * A campaign's definition (sender, list, template; never changes once started) from a small
   * cache, so each message reads only the campaign's state from Redis, not its 10 KB body.
   */
  private Optional<Campaign> definition(WorkItem item) {
    Campaign cached = definitions.get(item.campaign());
    if (cached != null && cached.account().equals(item.account())) {
      return Optional.of(cached);
    }
    Optional<Campaign> found = campaigns.find(item.account(), item.campaign());
    // Cached only once the snapshot's size is known: completion is judged against it.
    found
        .filter(c -> c.recipients() > 0)
        .ifPresent(
            c -> {
              if (definitions.size() >= CACHED_DEFINITIONS) {
                definitions.clear();
              }
              definitions.put(c.id(), c);
            });
    return found;
  }

  private void send(WorkQueue.Claimed claimed, Campaign campaign, Recipient recipient) {
    WorkItem item = claimed.item();
    MessageFactory.Built built;
    try {
      built = messages.build(campaign, recipient);
    } catch (MessageFactory.MessageRefused e) {
      log.warn("campaign {} recipient {}: {}", campaign.id(), recipient.number(), e.getMessage());
      finish(claimed, "failed", false);
      return;
    }
    switch (transport.send(built.envelope(), built.rfc822())) {
      case SendOutcome.Delivered d -> finish(claimed, "delivered", true);
      case SendOutcome.Bounced b -> {
        if (b.kind() == SendOutcome.BounceKind.HARD) {
          audience.suppress(
              item.account(),
              new Suppression(
                  ContactKeys.email(recipient.email()),
                  "hard bounce: " + b.reply(),
                  clock.instant()));
        }
        finish(claimed, "bounced_" + b.kind().name().toLowerCase(java.util.Locale.ROOT), true);
      }
      case SendOutcome.Deferred d -> defer(claimed, d);
    }
  }

  private void defer(WorkQueue.Claimed claimed, SendOutcome.Deferred deferred) {
    WorkItem item = claimed.item();
    campaigns.count(item.account(), item.campaign(), item.phase(), "sent");
    campaigns.count(item.account(), item.campaign(), item.phase(), "deferred");
    Instant due = retries.next(item, clock.instant(), deferred.retryNoSoonerThan(), random);
    if (due == null) {
      finish(claimed, "bounced_soft", false);
    } else {
      queue.retryLater(claimed, item.nextAttempt(), due);
    }
  }

  /** Records the final outcome once ({@code sent}: this attempt went out), then acknowledges. */
  private void finish(WorkQueue.Claimed claimed, String outcome, boolean sent) {
    WorkItem item = claimed.item();
    long finals =
        sent
            ? campaigns.recordSentFinal(
                item.account(), item.campaign(), item.recipient(), item.phase(), outcome)
            : campaigns.recordFinal(
                item.account(), item.campaign(), item.recipient(), item.phase(), outcome);
    queue.acknowledge(claimed);
    Campaign campaign = definitions.get(item.campaign());
    if (finals < 0 || campaign == null || finals >= campaign.recipients()) {
      lifecycle.completeIfDone(item.account(), item.campaign());
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      loop.join(CLAIM_WAIT.multipliedBy(4));
      slots.acquire(concurrency); // wait for messages in flight
      slots.release(concurrency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
