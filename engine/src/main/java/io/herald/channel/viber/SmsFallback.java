package io.herald.channel.viber;

import io.herald.campaign.Campaign;
import io.herald.campaign.Channel;
import io.herald.campaign.Recipient;
import io.herald.campaign.ViberSpec;
import io.herald.delivery.CampaignChannel;
import io.herald.delivery.MessageFactory;
import io.herald.delivery.SendOutcome;
import io.herald.delivery.WorkItem;
import java.time.Instant;
import java.util.Optional;

/**
 * A Viber campaign's SMS fallback for one recipient: the SMS channel sending the campaign's
 * fallback text from its fallback sender ID, as if it were an SMS campaign of the same id (its
 * receipts, STOP replies and short links then work as for any SMS campaign), quiet hours included.
 * What it records replaces the recipient's {@code fallback_pending}.
 */
final class SmsFallback implements CampaignChannel {
  private final CampaignChannel sms;
  private final ViberDue due;
  private final ViberFeedback.Events events;

  SmsFallback(CampaignChannel sms, ViberDue due, ViberFeedback.Events events) {
    this.sms = sms;
    this.due = due;
    this.events = events;
  }

  /** The SMS campaign a Viber campaign's fallback is. */
  static Campaign asSms(Campaign viber) {
    ViberSpec spec = viber.viber().orElseThrow();
    return new Campaign(
        viber.account(),
        viber.id(),
        Channel.SMS,
        viber.listName(),
        viber.filter(),
        viber.fromName(),
        spec.fallbackSender().orElseThrow(),
        Optional.empty(),
        "",
        "",
        spec.fallbackText(),
        viber.state(),
        viber.recipients(),
        viber.createdAt(),
        viber.trackClicks());
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public SendOutcome send(Campaign campaign, Recipient recipient, WorkItem item)
      throws MessageFactory.MessageRefused {
    Campaign fallback = asSms(campaign);
    SendOutcome outcome = sms.send(fallback, recipient, item);
    ViberRef ref =
        new ViberRef(campaign.account(), campaign.id(), recipient.number(), item.phase());
    if (!(outcome instanceof SendOutcome.Deferred)) {
      due.settle(ref.messageId());
    }
    if (outcome instanceof SendOutcome.Delivered) {
      events.fallbackSent(ref, fallback.fromAddress());
    }
    return outcome;
  }

  @Override
  public String acceptedCounter() {
    return sms.acceptedCounter();
  }

  @Override
  public String bouncedCounter(SendOutcome.BounceKind kind) {
    return sms.bouncedCounter(kind);
  }

  @Override
  public Optional<String> suppressionOnBounce(Recipient recipient, SendOutcome.BounceKind kind) {
    return sms.suppressionOnBounce(recipient, kind);
  }

  @Override
  public Optional<Instant> notBefore(Campaign campaign, Recipient recipient, Instant now) {
    return sms.notBefore(asSms(campaign), recipient, now);
  }
}
