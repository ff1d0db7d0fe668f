package io.herald.channel.viber;

import io.herald.audience.AudienceStore;
import io.herald.audience.ContactKeys;
import io.herald.audience.Suppression;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Recipient;
import io.herald.campaign.ViberSpec;
import io.herald.delivery.WorkItem;
import io.herald.delivery.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Viber reports to the campaign ledger, once each, in whatever order and however often they
 * come. {@code DELIVERED} and {@code SEEN} move a recipient from {@code viber_submitted} to {@code
 * viber_delivered} (seen implies delivered; {@code seen} is counted once). {@code UNDELIVERED},
 * {@code EXPIRED} and {@code NOT_VIBER_USER} move it to {@code fallback_pending} and queue its SMS
 * fallback when the campaign has one — the ledger's compare-and-set lets exactly one report do that
 * — or else to {@code viber_undelivered} / {@code viber_expired} / {@code not_viber_user}. A report
 * that finds the recipient moved on (a duplicate, a late one after the fallback went) changes
 * nothing; a late delivery while the fallback still waits makes the fallback needless (the worker
 * finds the recipient delivered and sends no SMS). {@code BLOCKED} suppresses the phone for the
 * account, counts {@code blocked} once, and a message still awaiting its report is {@code
 * viber_undelivered} without a fallback. Thread-safe; a failure (Redis away) is thrown, so the
 * caller answers the provider's callback with an error and it comes again.
 */
public final class ViberFeedback implements ViberInbound {
  private static final Logger log = LoggerFactory.getLogger(ViberFeedback.class);
  private static final int CACHED_CAMPAIGNS = 256;

  /**
   * How long a recipient may wait for its fallback SMS before its work item is queued again (it may
   * have been lost with its node): longer than a night of quiet hours, so that a fallback waiting
   * for the morning is not queued twice.
   */
  public static final Duration FALLBACK_RECHECK = Duration.ofHours(18);

  /**
   * How soon the due sweep looks at a recipient whose ledger is being moved to {@code
   * fallback_pending}: if the node dies after that move and before the fallback's work item is
   * queued, the sweep queues it then (a repeated report cannot: the ledger has moved already).
   */
  public static final Duration FALLBACK_QUEUE_GRACE = Duration.ofMinutes(1);

  /**
   * Who hears of what reports did (webhooks), once per recipient each; {@link #NONE} tells no one.
   * {@code failed} says whether the SMS fallback goes instead; the fallback's own "sent" is told by
   * the channel that sends it.
   */
  public interface Events {
    Events NONE = new Events() {};

    default void delivered(ViberRef ref) {}

    default void seen(ViberRef ref) {}

    default void failed(ViberRef ref, ViberReport.State reason, String detail, boolean fallback) {}

    default void fallbackSent(ViberRef ref, String sender) {}
  }

  private final CampaignStore campaigns;
  private final AudienceStore audience;
  private final WorkQueue queue;
  private final ViberDue due;
  private final Events events;
  private final Clock clock;
  private final Map<String, Optional<ViberSpec>> specs = new ConcurrentHashMap<>();

  public ViberFeedback(
      CampaignStore campaigns,
      AudienceStore audience,
      WorkQueue queue,
      ViberDue due,
      Events events,
      Clock clock) {
    this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.due = Objects.requireNonNull(due, "due");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void report(ViberReport report) {
    Optional<ViberRef> found = ViberRef.parse(report.messageId());
    if (found.isEmpty()) {
      log.debug("a Viber report about a message Herald did not send: {}", report.messageId());
      return;
    }
    ViberRef ref = found.get();
    switch (report.state()) {
      case DELIVERED -> delivered(ref);
      case SEEN -> {
        delivered(ref);
        if (campaigns.countOnce(ref.account(), ref.campaign(), ref.number(), ViberOutcomes.SEEN)) {
          events.seen(ref);
        }
      }
      case UNDELIVERED -> failed(ref, report, ViberOutcomes.UNDELIVERED);
      case EXPIRED -> failed(ref, report, ViberOutcomes.EXPIRED);
      case NOT_VIBER_USER -> failed(ref, report, ViberOutcomes.NOT_VIBER_USER);
      case BLOCKED -> blocked(ref, report.detail());
    }
  }

  private void delivered(ViberRef ref) {
    if (campaigns.recordLateOutcome(
        ref.account(),
        ref.campaign(),
        ref.number(),
        ViberOutcomes.SUBMITTED,
        ViberOutcomes.DELIVERED)) {
      due.settle(ref.messageId());
      events.delivered(ref);
    }
  }

  private void failed(ViberRef ref, ViberReport report, String outcome) {
    Optional<ViberSpec> spec = spec(ref);
    if (spec.map(ViberSpec::fallsBackToSms).orElse(false)) {
      Optional<String> current =
          campaigns.check(ref.account(), ref.campaign(), ref.number()).outcome();
      if (current.isPresent() && !current.get().equals(ViberOutcomes.SUBMITTED)) {
        return; // a repeated or late report: the recipient has moved on
      }
      // The look-again time first, the ledger next, then the work: a node dying between the last
      // two leaves a waiting recipient that the due sweep queues within the grace.
      due.expect(ref.messageId(), clock.instant().plus(FALLBACK_QUEUE_GRACE));
      if (campaigns.recordLateOutcome(
          ref.account(),
          ref.campaign(),
          ref.number(),
          ViberOutcomes.SUBMITTED,
          ViberOutcomes.FALLBACK_PENDING)) {
        campaigns.countOnce(ref.account(), ref.campaign(), ref.number(), ViberOutcomes.FALLEN_BACK);
        queueFallback(ref);
        // Queued: the sweep looks again only if the work is lost later (with the node sending it).
        due.expect(ref.messageId(), clock.instant().plus(FALLBACK_RECHECK));
        events.failed(ref, report.state(), report.detail(), true);
      }
      return;
    }
    if (campaigns.recordLateOutcome(
        ref.account(), ref.campaign(), ref.number(), ViberOutcomes.SUBMITTED, outcome)) {
      due.settle(ref.messageId());
      events.failed(ref, report.state(), report.detail(), false);
    }
  }

  /** Queues the SMS fallback of a recipient waiting for it ({@code fallback_pending}). */
  void queueFallback(ViberRef ref) {
    queue.enqueue(
        List.of(
            new WorkItem(
                ref.account(), ref.campaign(), ref.number(), ref.phase(), 1, clock.instant())));
  }

  private void blocked(ViberRef ref, String detail) {
    Optional<Recipient> recipient =
        campaigns.check(ref.account(), ref.campaign(), ref.number()).recipient();
    if (recipient.isEmpty() || recipient.get().phone().isEmpty()) {
      return;
    }
    String key = ContactKeys.phone(recipient.get().phone());
    if (audience.suppressedAmong(ref.account(), List.of(key)).isEmpty()) {
      audience.suppress(
          ref.account(),
          new Suppression(key, "blocked the Viber sender " + detail, clock.instant()));
    }
    campaigns.countOnce(ref.account(), ref.campaign(), ref.number(), ViberOutcomes.BLOCKED);
    // The message was refused because of the block: undelivered, and no fallback to a person who
    // just opted out (the phone is suppressed; a fallback already queued finds it so).
    if (campaigns.recordLateOutcome(
        ref.account(),
        ref.campaign(),
        ref.number(),
        ViberOutcomes.SUBMITTED,
        ViberOutcomes.UNDELIVERED)) {
      due.settle(ref.messageId());
    }
  }

  /** The campaign's Viber settings (never change once started), from a small cache. */
  private Optional<ViberSpec> spec(ViberRef ref) {
    String key = ref.account().value() + ":" + ref.campaign().value();
    Optional<ViberSpec> cached = specs.get(key);
    if (cached != null) {
      return cached;
    }
    Optional<Campaign> campaign = campaigns.find(ref.account(), ref.campaign());
    Optional<ViberSpec> spec = campaign.flatMap(Campaign::viber);
    if (campaign.isPresent()) {
      if (specs.size() >= CACHED_CAMPAIGNS) {
        specs.clear();
      }
      specs.put(key, spec);
    }
    return spec;
  }
}
