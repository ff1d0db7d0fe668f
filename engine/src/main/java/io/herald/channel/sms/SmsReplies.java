package io.herald.channel.sms;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.tracking.Engagements;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvents;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies from phones (mobile-originated SMS). A reply answers the most recent message Herald sent
 * to that phone from the address it was sent to; with none known (never sent, or weeks ago) there
 * is no account to act for, and the reply is only logged here and dropped. An opt-out ({@link
 * StopWords}) suppresses the phone for the account at once (R3) and counts as the campaign's {@code
 * unsubscribed} in its phase through {@link Engagements#unsubscribed} — the same count, by contact,
 * as the SMS's unsubscribe link, so a STOP and a click by one recipient count once — with an {@code
 * unsubscribed} webhook when counted. Any other reply is kept in the account's reply log and
 * reported as a {@code replied} webhook.
 */
final class SmsReplies {
  private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);

  /** The source an opt-out by reply is counted and suppressed with. */
  static final String STOP = "stop";

  /** Suppresses a phone for an account. */
  @FunctionalInterface
  interface Suppress {
    void phone(AccountId account, String phone, String reason);
  }

  private final SmsReceiptStore store;
  private final Engagements engagements;
  private final WebhookEvents events;
  private final Suppress suppress;
  private final Events event;

  /** Makes the event about a message's recipient (the feedback's, so both say the same). */
  @FunctionalInterface
  interface Events {
    io.herald.webhook.WebhookEvent of(EventType type, SmsRef ref, Map<String, Object> data);
  }

  SmsReplies(
      SmsReceiptStore store,
      Engagements engagements,
      WebhookEvents events,
      Suppress suppress,
      Events event) {
    this.store = store;
    this.engagements = engagements;
    this.events = events;
    this.suppress = suppress;
    this.event = event;
  }

  void reply(MobileReply reply) {
    SmsRef answered = store.lastMessage(reply.from(), reply.to()).orElse(null);
    if (answered == null) {
      log.info(
          "an SMS reply to {} answers no message sent from it lately: no account to act for,"
              + " dropped",
          reply.to());
      return;
    }
    boolean optOut = StopWords.isOptOut(reply.text());
    store.logReply(new SmsReceiptStore.Reply(answered, reply, optOut));
    AccountId account = answered.account();
    if (optOut) {
      // Counted (and the contact's key suppressed) first: for a transactional message the
      // unsubscribed webhook goes out only when that suppression is new. The phone itself is
      // suppressed either way, also when the message is gone (nothing to count it in).
      engagements.unsubscribed(account, new CampaignId(answered.id()), answered.contactKey(), STOP);
      suppress.phone(account, answered.phone(), "unsubscribed (" + STOP + ")");
    } else if (events.wants(account, EventType.REPLIED)) {
      events.emit(
          event.of(
              EventType.REPLIED,
              answered,
              Map.of("channel", "sms", "text", reply.text(), "to", reply.to())));
    }
  }
}
