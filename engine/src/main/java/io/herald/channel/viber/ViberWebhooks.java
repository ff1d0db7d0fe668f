package io.herald.channel.viber;

import io.herald.campaign.CampaignStore;
import io.herald.campaign.Recipient;
import java.util.Optional;

/**
 * What reports did, told to the account's webhooks ({@link ViberEvents}): the recipient's phone is
 * read from the campaign's snapshot, since a report names only Herald's message id.
 */
public final class ViberWebhooks implements ViberFeedback.Events {
  private final ViberEvents events;
  private final CampaignStore campaigns;

  public ViberWebhooks(ViberEvents events, CampaignStore campaigns) {
    this.events = events;
    this.campaigns = campaigns;
  }

  private Optional<String> phone(ViberRef ref) {
    return campaigns
        .check(ref.account(), ref.campaign(), ref.number())
        .recipient()
        .map(Recipient::phone);
  }

  @Override
  public void delivered(ViberRef ref) {
    phone(ref).ifPresent(p -> events.delivered(ref.account(), ref.campaign(), p));
  }

  @Override
  public void seen(ViberRef ref) {
    phone(ref).ifPresent(p -> events.seen(ref.account(), ref.campaign(), p));
  }

  @Override
  public void failed(ViberRef ref, ViberReport.State reason, String detail, boolean fallback) {
    phone(ref)
        .ifPresent(p -> events.failed(ref.account(), ref.campaign(), p, reason, detail, fallback));
  }

  @Override
  public void fallbackSent(ViberRef ref, String sender) {
    phone(ref).ifPresent(p -> events.fallbackSent(ref.account(), ref.campaign(), p, sender));
  }
}
