package io.herald.channel.sms;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.ContactKeys;
import io.herald.audience.Suppression;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import io.herald.channel.sms.SmsReceiptStore.Decided;
import io.herald.store.GroupCommit;
import io.herald.tracking.Engagements;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after an SMSC accepted an SMS. {@link #submitted} records which recipient its parts
 * are for; delivery receipts then decide its outcome ({@link SmsReceiptStore}: every part, the
 * worst wins), and a decision moves the campaign recipient's outcome from {@code submitted} to
 * {@code delivered}, {@code undeliverable}, {@code expired}, {@code rejected} or, when no receipt
 * came within the receipt timeout ({@link #applyTimeouts}, run by {@link SmsReceiptTimeouts}),
 * {@code unknown}, in its phase. Each outcome is applied once — the ledger's compare-and-set from
 * {@code submitted} is the proof — and only then counts towards suppression (a number undeliverable
 * {@code undeliverableLimit} times in a row is suppressed for the account) and reaches webhooks
 * ({@code delivered} or {@code failed}). Replies are {@link SmsReplies}'. Called on the gateway's
 * threads: a failure (Redis away) is thrown, so the gateway can refuse the {@code deliver_sm} and
 * the SMSC sends it again — repeating a receipt or a reply is harmless. Thread-safe.
 */
public final class SmsFeedback implements SmsInbound {
  private static final Logger log = LoggerFactory.getLogger(SmsFeedback.class);

  /** The outcome an SMS has in the ledger between its acceptance and its receipts. */
  public static final String SUBMITTED = "submitted";

  /**
   * How long a message may wait for its receipts before it is {@code unknown}, and after how many
   * undeliverable outcomes in a row (no delivery between) a number is suppressed (the {@code sms}
   * configuration section's {@code receiptTimeout} and {@code undeliverableLimit}).
   */
  public record Settings(Duration receiptTimeout, int undeliverableLimit) {
    public Settings {
      if (receiptTimeout.isNegative() || receiptTimeout.isZero()) {
        throw new IllegalArgumentException("the receipt timeout must be positive");
      }
      if (undeliverableLimit < 1) {
        throw new IllegalArgumentException("the undeliverable limit must be at least 1");
      }
    }
  }

  /**
   * Where a transactional SMS's outcome is recorded (the message store). {@link #NONE} knows no
   * transactional SMS: their outcomes and replies then have no effects.
   */
  @FunctionalInterface
  public interface MessageOutcomes {
    MessageOutcomes NONE =
        new MessageOutcomes() {
          @Override
          public boolean record(Decided decided) {
            return false;
          }

          @Override
          public boolean exists(AccountId account, String messageId) {
            return false;
          }
        };

    /**
     * Records the outcome; true only when this call changed the recipient's state, so that its
     * effects (suppression count, webhook) follow once.
     */
    boolean record(Decided decided);

    /**
     * Whether the account still has this message: a reply to one that is gone (its account deleted,
     * R12) writes nothing. Assumed by default; a message store should say.
     */
    default boolean exists(AccountId account, String messageId) {
      return true;
    }
  }

  private final SmsReceiptStore store;
  private final CampaignStore campaigns;
  private final AudienceStore audience;
  private final WebhookEvents events;
  private final MessageOutcomes messages;
  private final Clock clock;
  private final Settings settings;
  private final SmsReplies replies;
  private final GroupCommit<Decided, Boolean> recorded = new GroupCommit<>(256, this::record);

  private record CampaignKey(AccountId account, CampaignId id) {}

  public SmsFeedback(
      SmsReceiptStore store,
      CampaignStore campaigns,
      AudienceStore audience,
      Engagements engagements,
      WebhookEvents events,
      MessageOutcomes messages,
      Clock clock,
      Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.events = Objects.requireNonNull(events, "events");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.replies =
        new SmsReplies(store, engagements, events, this::exists, this::suppress, this::event);
  }

  /**
   * The SMSC accepted {@code ref}'s message as these parts (their ids, in order). Call it before
   * recording {@link #SUBMITTED} in the ledger, so that a node dying between the two leaves a
   * message that times out rather than one no receipt can find; a receipt that overtook the
   * submission is applied now.
   */
  public void submitted(List<String> messageIds, SmsRef ref) {
    store
        .expect(messageIds, ref, clock.instant().plus(settings.receiptTimeout()))
        .ifPresent(this::apply);
  }

  @Override
  public void receipt(DeliveryReceipt receipt) {
    store.receipt(receipt).ifPresent(this::apply);
  }

  @Override
  public void reply(MobileReply reply) {
    replies.reply(reply);
  }

  /**
   * Applies up to {@code max} outcomes whose receipt deadline passed (unknown, or the worst failure
   * a part reported) and returns how many it took. Idempotent; safe on every node at once.
   */
  public int applyTimeouts(int max) {
    List<Decided> due = store.dueForTimeout(clock.instant(), max);
    due.forEach(this::apply);
    return due.size();
  }

  private void apply(Decided decided) {
    boolean moved = recorded.commit(decided);
    if (moved) {
      effects(decided);
    }
    // A delivery starts the phone's count of undeliverable outcomes again, with the settling.
    store.settled(decided, moved && decided.outcome() == SmsOutcome.DELIVERED);
  }

  /**
   * Records the outcomes decided at once (by every thread taking receipts): one ledger write per
   * campaign; whether each moved the recipient's outcome, in order.
   */
  private List<Boolean> record(List<Decided> batch) {
    Boolean[] moved = new Boolean[batch.size()];
    Map<CampaignKey, List<Integer>> byCampaign = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Decided d = batch.get(i);
      switch (d.ref().origin()) {
        case CAMPAIGN ->
            byCampaign
                .computeIfAbsent(
                    new CampaignKey(d.ref().account(), new CampaignId(d.ref().id())),
                    c -> new ArrayList<>())
                .add(i);
        case MESSAGE -> moved[i] = messages.record(d);
      }
    }
    byCampaign.forEach(
        (campaign, members) -> {
          List<CampaignStore.LateOutcome> outcomes =
              members.stream()
                  .map(batch::get)
                  .map(
                      d ->
                          new CampaignStore.LateOutcome(
                              d.ref().number(), SUBMITTED, d.outcome().counter()))
                  .toList();
          List<Boolean> done =
              campaigns.recordLateOutcomes(campaign.account(), campaign.id(), outcomes);
          for (int j = 0; j < members.size(); j++) {
            moved[members.get(j)] = done.get(j);
          }
        });
    return Arrays.asList(moved);
  }

  private void effects(Decided decided) {
    SmsRef ref = decided.ref();
    switch (decided.outcome()) {
      case UNDELIVERABLE -> {
        long times = store.countUndeliverable(ref.account(), ref.phone());
        if (times >= settings.undeliverableLimit()) {
          suppress(ref.account(), ref.phone(), "undeliverable " + times + " times (sms)");
        }
      }
      case DELIVERED, UNKNOWN, EXPIRED, REJECTED -> {}
    }
    EventType type =
        decided.outcome() == SmsOutcome.DELIVERED ? EventType.DELIVERED : EventType.FAILED;
    if (events.wants(ref.account(), type)) {
      Map<String, Object> data = new HashMap<>();
      data.put("channel", "sms");
      data.put("outcome", decided.outcome().counter());
      data.put("error", decided.error());
      data.put("timedOut", decided.timedOut());
      events.emit(event(type, ref, data));
    }
  }

  /** The event about {@code ref}'s recipient, now. */
  private WebhookEvent event(EventType type, SmsRef ref, Map<String, Object> data) {
    return switch (ref.origin()) {
      case CAMPAIGN ->
          WebhookEvent.ofCampaign(
              type, clock.instant(), ref.account(), ref.id(), ref.phone(), data);
      case MESSAGE ->
          WebhookEvent.ofMessage(type, clock.instant(), ref.account(), ref.id(), ref.phone(), data);
    };
  }

  /** Whether the message a reference names still exists (its account was not deleted). */
  private boolean exists(SmsRef ref) {
    return switch (ref.origin()) {
      case CAMPAIGN -> campaigns.find(ref.account(), new CampaignId(ref.id())).isPresent();
      case MESSAGE -> messages.exists(ref.account(), ref.id());
    };
  }

  /** Suppresses the phone for the account, keeping an earlier suppression's reason and time. */
  private void suppress(AccountId account, String phone, String reason) {
    String key = ContactKeys.phone(phone);
    if (audience.suppressedAmong(account, List.of(key)).isEmpty()) {
      audience.suppress(account, new Suppression(key, reason, clock.instant()));
      log.info("account {}: a phone suppressed, {}", account, reason);
    }
  }
}
