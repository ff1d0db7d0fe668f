package io.herald.channel.viber;

import io.herald.campaign.CampaignStore;
import io.herald.campaign.Recipient;
import io.herald.webhook.EventType;
import java.util.Optional;

/**
 * What reports did, told to the account's webhooks ({@link ViberEvents}): the recipient's phone is
 * read from the campaign's snapshot, since a report names only Herald's message id — and only when
 * an endpoint wants the event, so reports nobody listens to cost no read.
 */
public final class ViberWebhooks implements ViberFeedback.Events {
  private final ViberEvents events;
  private final CampaignStore campaigns;

  public ViberWebhooks(ViberEvents events, CampaignStore campaigns) {
    this.events = events;
    this.campaigns = campaigns;
  }

  private Optional<String> phone(ViberRef ref, EventType type) {
    if (!events.wants(ref.account(), type)) {
      return Optional.empty();
    }
    return campaigns
        .check(ref.account(), ref.campaign(), ref.number())
        .recipient()
        .map(Recipient::phone);
  }

  @Override
  public void delivered(ViberRef ref) {
    phone(ref, EventType.VIBER_DELIVERED)
        .ifPresent(p -> events.delivered(ref.account(), ref.campaign(), p));
  }

  @Override
  public void seen(ViberRef ref) {
    phone(ref, EventType.VIBER_SEEN).ifPresent(p -> events.seen(ref.account(), ref.campaign(), p));
  }

  @Override
  public void failed(ViberRef ref, ViberReport.State reason, String detail, boolean fallback) {
    phone(ref, EventType.VIBER_FAILED)
        .ifPresent(p -> events.failed(ref.account(), ref.campaign(), p, reason, detail, fallback));
  }

  @Override
  public void fallbackSent(ViberRef ref, String sender) {
    phone(ref, EventType.FALLBACK_SENT)
        .ifPresent(p -> events.fallbackSent(ref.account(), ref.campaign(), p, sender));
  }
}
