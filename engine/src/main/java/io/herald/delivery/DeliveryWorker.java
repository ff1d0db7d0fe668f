package io.herald.delivery;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.Suppression;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Campaigns;
import io.herald.campaign.Channel;
import io.herald.campaign.Recipient;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims work from the durable queue and delivers it, one virtual thread per message, at most
 * {@code concurrency} at a time (the semaphore is the backpressure: nothing more is claimed than
 * can be sent). Work is claimed and checked in batches: once a quarter of the slots is free, one
 * read claims that many messages and one script checks them all — campaign still sending → not
 * already final (a reclaimed duplicate) → not suppressed since the snapshot. Each message is then
 * built and sent on its own thread, and its outcome handed to the {@link Finisher}, which records
 * it once in the ledger and then acknowledges it, many at a time. A message whose node dies before
 * the acknowledgement is reclaimed by another node; the ledger makes that resend happen only for
 * messages that were in flight. A message of a frozen account's campaign is not sent: the campaign
 * is paused (R8) and the message put back.
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
  private final Map<Channel, CampaignChannel> channels;
  private final RetryPolicy retries;
  private final Clock clock;
  private final RandomGenerator random;
  private final WebhookEvents events;
  private final Predicate<AccountId> frozen;
  private final String consumer;
  private static final Duration ERROR_PAUSE = Duration.ofMillis(500);
  private final Duration reclaimAfter;
  private final Semaphore slots;
  private final int concurrency;
  private final int claimBatch;
  private final Finisher finisher;
  private final Map<CampaignId, Campaign> definitions = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private final Thread loop;

  /** Everything the worker works with, wired by the composition root. */
  public record Parts(
      WorkQueue queue,
      CampaignStore campaigns,
      Campaigns lifecycle,
      AudienceStore audience,
      List<CampaignChannel> channels,
      RetryPolicy retries,
      Clock clock,
      RandomGenerator random,
      WebhookEvents events,
      Predicate<AccountId> frozen) {}

  public DeliveryWorker(Parts parts, String consumer, int concurrency, Duration reclaimAfter) {
    this.queue = parts.queue();
    this.campaigns = parts.campaigns();
    this.lifecycle = parts.lifecycle();
    this.audience = parts.audience();
    this.channels = new EnumMap<>(Channel.class);
    parts.channels().forEach(c -> channels.put(c.channel(), c));
    this.retries = parts.retries();
    this.clock = parts.clock();
    this.random = parts.random();
    this.events = parts.events();
    this.frozen = parts.frozen();
    this.consumer = consumer;
    this.reclaimAfter = reclaimAfter;
    this.concurrency = concurrency;
    this.claimBatch = Math.max(1, concurrency / 4);
    this.slots = new Semaphore(concurrency);
    this.finisher =
        new Finisher(queue, campaigns, slots, this::recorded, concurrency, events, clock);
    this.loop = Thread.ofVirtual().name("delivery-" + consumer).start(this::run);
  }

  private void run() {
    Instant lastHousekeeping = Instant.MIN;
    while (running) {
      try {
        Instant now = clock.instant();
        if (Duration.between(lastHousekeeping, now).compareTo(Duration.ofSeconds(1)) >= 0) {
          queue.releaseDue(now, 1000);
          dispatch(queue.reclaim(consumer, reclaimAfter, concurrency));
          lastHousekeeping = now;
        }
        // Wait until a batch's worth of slots is free, then claim as many as there are free slots:
        // one read and one check for many messages, while the others still keep the SMTP
        // connections busy.
        slots.acquire(claimBatch);
        slots.release(claimBatch);
        dispatch(queue.claim(consumer, Math.max(1, slots.availablePermits()), CLAIM_WAIT));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // An Error too: the loop dying would stop this node's deliveries without a trace.
        if (running) {
          log.warn("delivery loop: {}; retrying", e.toString(), e);
          // Redis away (a failover under way): retry soon, without spinning and flooding the log.
          LockSupport.parkNanos(ERROR_PAUSE.toNanos());
        }
      }
    }
  }

  /** Checks claimed work a campaign at a time, then starts a sender for each message to send. */
  private void dispatch(List<WorkQueue.Claimed> claimed) {
    Map<CampaignId, List<WorkQueue.Claimed>> byCampaign = new LinkedHashMap<>();
    for (WorkQueue.Claimed c : claimed) {
      byCampaign.computeIfAbsent(c.item().campaign(), id -> new ArrayList<>()).add(c);
    }
    for (List<WorkQueue.Claimed> group : byCampaign.values()) {
      WorkItem first = group.getFirst().item();
      // Items of one campaign id belong to one account; a stray one is checked on its own.
      List<WorkQueue.Claimed> same =
          group.stream().filter(c -> c.item().account().equals(first.account())).toList();
      dispatchChecked(same);
      group.stream()
          .filter(c -> !c.item().account().equals(first.account()))
          .forEach(c -> dispatchChecked(List.of(c)));
    }
  }

  private void dispatchChecked(List<WorkQueue.Claimed> group) {
    WorkItem first = group.getFirst().item();
    List<CampaignStore.SendCheck> checks =
        campaigns.checkAll(
            first.account(),
            first.campaign(),
            group.stream().map(c -> c.item().recipient()).toList());
    for (int i = 0; i < group.size(); i++) {
      WorkQueue.Claimed claimed = group.get(i);
      CampaignStore.SendCheck check = checks.get(i);
      slots.acquireUninterruptibly();
      if (!decide(claimed, check)) {
        continue;
      }
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  send(claimed, definitions.get(claimed.item().campaign()), check);
                } catch (RuntimeException | Error e) {
                  // Left unacknowledged: another node (or this one) reclaims it after the timeout.
                  // An Error too, or its slot would never be released.
                  log.warn("delivering {} failed: {}", claimed.item(), e.toString());
                  slots.release();
                }
              });
    }
  }

  /**
   * What a checked message needs: true when it is to be sent; otherwise it was handed to the
   * finisher or put back, and its slot is taken care of.
   */
  private boolean decide(WorkQueue.Claimed claimed, CampaignStore.SendCheck check) {
    WorkItem item = claimed.item();
    try {
      Optional<Campaign> found = check.state().flatMap(s -> definition(item));
      if (found.isEmpty() || check.recipient().isEmpty()) {
        finisher.submit(Finisher.Done.acknowledgeOnly(claimed));
        return false;
      }
      switch (check.state().get()) {
        case CampaignState.Paused p -> {
          retryLater(claimed, item, clock.instant().plus(PAUSED_RECHECK));
          return false;
        }
        case CampaignState.Held h -> {
          // Waits for the administrator: approved, it goes out; rejected, it is dropped.
          retryLater(claimed, item, clock.instant().plus(PAUSED_RECHECK));
          return false;
        }
        case CampaignState.Rejected r -> {
          finisher.submit(Finisher.Done.acknowledgeOnly(claimed));
          return false;
        }
        case CampaignState.Sending s -> {
          if (frozen.test(item.account())) {
            // R8: freezing pauses sending campaigns; this catches one started or approved
            // meanwhile. It stays paused until the account resumes it.
            campaigns.transition(
                item.account(), item.campaign(), s, new CampaignState.Paused(s.phase()));
            retryLater(claimed, item, clock.instant().plus(PAUSED_RECHECK));
            return false;
          }
        }
        case CampaignState.Draft d -> {}
        case CampaignState.Completed c -> {}
        case CampaignState.Cancelled c -> {
          finisher.submit(Finisher.Done.acknowledgeOnly(claimed));
          return false;
        }
      }
      if (check.alreadyFinal() && continuing(found.get(), check).isEmpty()) {
        finisher.submit(Finisher.Done.acknowledgeOnly(claimed));
        return false;
      }
      if (check.suppressed()) {
        finish(claimed, check.outcome(), "suppressed", false, "", "");
        return false;
      }
      return true;
    } catch (RuntimeException | Error e) {
      log.warn("delivering {} failed: {}", item, e.toString());
      slots.release();
      return false;
    }
  }

  /**
   * The channel that goes on with a recipient who already has an outcome (a Viber message's SMS
   * fallback), if its campaign's channel says one does.
   */
  private Optional<CampaignChannel> continuing(Campaign campaign, CampaignStore.SendCheck check) {
    CampaignChannel channel = channels.get(campaign.channel());
    if (channel == null || check.outcome().isEmpty()) {
      return Optional.empty();
    }
    return channel.after(campaign, check.outcome().get());
  }

  /** Puts the item back for later and frees its slot (on failure the caller frees it). */
  private void retryLater(WorkQueue.Claimed claimed, WorkItem next, Instant due) {
    queue.retryLater(claimed, next, due);
    slots.release();
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

  private void send(WorkQueue.Claimed claimed, Campaign cached, CampaignStore.SendCheck check) {
    WorkItem item = claimed.item();
    Campaign campaign = cached != null ? cached : definition(item).orElseThrow();
    Recipient recipient = check.recipient().orElseThrow();
    CampaignChannel channel =
        check.alreadyFinal()
            ? continuing(campaign, check).orElse(null)
            : channels.get(campaign.channel());
    Optional<String> previous = check.outcome();
    if (channel == null) {
      // The campaign was started on a node with this channel configured; this one has none.
      log.warn("campaign {}: no {} channel on this node", campaign.id(), campaign.channel());
      retryLater(claimed, item, clock.instant().plus(PAUSED_RECHECK));
      return;
    }
    String address = recipient.address(channel.channel());
    Optional<Instant> wait = channel.notBefore(campaign, recipient, clock.instant());
    if (wait.isPresent()) {
      // Quiet hours: neither an attempt nor a failure; the wait shows in the statistics.
      campaigns.count(item.account(), item.campaign(), item.phase(), "quiet_hours_waits");
      retryLater(claimed, item, wait.get());
      return;
    }
    SendOutcome outcome;
    try {
      outcome = channel.send(campaign, recipient, item);
    } catch (MessageFactory.MessageRefused e) {
      log.warn("campaign {} recipient {}: {}", campaign.id(), recipient.number(), e.getMessage());
      finish(claimed, previous, "failed", false, address, "");
      return;
    }
    switch (outcome) {
      case SendOutcome.Delivered d ->
          finish(claimed, previous, channel.acceptedCounter(), true, address, d.reply());
      case SendOutcome.Bounced b -> {
        channel
            .suppressionOnBounce(recipient, b.kind())
            .ifPresent(
                key ->
                    audience.suppress(
                        item.account(),
                        new Suppression(key, "hard bounce: " + b.reply(), clock.instant())));
        finish(claimed, previous, channel.bouncedCounter(b.kind()), true, address, b.reply());
      }
      case SendOutcome.Deferred d -> defer(claimed, previous, d, address);
    }
  }

  private void defer(
      WorkQueue.Claimed claimed,
      Optional<String> previous,
      SendOutcome.Deferred deferred,
      String address) {
    WorkItem item = claimed.item();
    campaigns.count(item.account(), item.campaign(), item.phase(), "sent");
    campaigns.count(item.account(), item.campaign(), item.phase(), "deferred");
    Instant due = retries.next(item, clock.instant(), deferred.retryNoSoonerThan(), random);
    if (due == null) {
      finish(
          claimed,
          previous,
          "bounced_soft",
          false,
          address,
          "retries ran out; " + deferred.reason());
    } else {
      retryLater(claimed, item.nextAttempt(), due);
      if (events.wants(item.account(), EventType.DEFERRED)) {
        events.emit(deferredEvent(item, address, deferred, due));
      }
    }
  }

  /**
   * Hands the final outcome to the finisher ({@code sent}: this attempt went out), which records it
   * once, acknowledges and frees the slot.
   */
  private void finish(
      WorkQueue.Claimed claimed, String outcome, boolean sent, String address, String reply) {
    finisher.submit(new Finisher.Done(claimed, Optional.of(outcome), sent, address, reply));
  }

  /**
   * {@link #finish} for a recipient that may already have had an outcome ({@code previous}: a Viber
   * message whose SMS fallback this was): the new outcome replaces it by compare-and-set, here,
   * before the finisher acknowledges the item — the ledger first, as for every outcome.
   */
  private void finish(
      WorkQueue.Claimed claimed,
      Optional<String> previous,
      String outcome,
      boolean sent,
      String address,
      String reply) {
    if (previous.isEmpty()) {
      finish(claimed, outcome, sent, address, reply);
      return;
    }
    WorkItem item = claimed.item();
    try {
      campaigns.recordLateOutcome(
          item.account(), item.campaign(), item.recipient(), previous.get(), outcome);
    } catch (RuntimeException e) {
      // Left unacknowledged: reclaimed later, and found moved on or still waiting by the ledger.
      log.warn("recording {} of {}: {}", outcome, item, e.toString());
      slots.release();
      return;
    }
    finisher.submit(Finisher.Done.acknowledgeOnly(claimed));
  }

  private WebhookEvent deferredEvent(
      WorkItem item, String address, SendOutcome.Deferred deferred, Instant due) {
    return WebhookEvent.ofCampaign(
        EventType.DEFERRED,
        clock.instant(),
        item.account(),
        item.campaign().value(),
        address,
        Map.of(
            "attempt",
            item.attempt(),
            "reason",
            deferred.reason(),
            "nextAttemptAt",
            due.toString()));
  }

  /** After outcomes were recorded: completes the campaign once every recipient has one. */
  private void recorded(AccountId account, CampaignId id, long finals, boolean duplicate) {
    Campaign campaign = definitions.get(id);
    if (duplicate || campaign == null || finals >= campaign.recipients()) {
      lifecycle.completeIfDone(account, id);
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
    } finally {
      finisher.close();
    }
  }
}
