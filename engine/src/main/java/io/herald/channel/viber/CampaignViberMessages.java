package io.herald.channel.viber;

import io.herald.audience.AudienceStore;
import io.herald.audience.ContactList;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Recipient;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.delivery.MessageFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes one recipient's Viber message of a campaign with the {@link ViberComposer}: the campaign's
 * template and its list's language are prepared once per campaign (they never change once it
 * started), the recipient's links are minted for them.
 */
public final class CampaignViberMessages implements ViberCampaignChannel.Composer {
  private static final int CACHED_CAMPAIGNS = 256;

  private final ViberComposer composer;
  private final AudienceStore audience;
  private final Map<CampaignId, Prepared> prepared = new ConcurrentHashMap<>();

  private record Prepared(ViberTemplate template, String language) {}

  public CampaignViberMessages(ViberComposer composer, AudienceStore audience) {
    this.composer = composer;
    this.audience = audience;
  }

  @Override
  public ViberContent compose(Campaign campaign, Recipient recipient)
      throws MessageFactory.MessageRefused {
    try {
      Prepared p = prepared(campaign);
      ShortLinkTarget target =
          new ShortLinkTarget(
              campaign.account(),
              campaign.id().value(),
              recipient.number(),
              recipient.contactKey(),
              recipient.phone(),
              p.language());
      return composer.compose(p.template(), target, recipient.name(), recipient.fields());
    } catch (ViberContentRefused e) {
      throw new MessageFactory.MessageRefused(e.getMessage(), e);
    }
  }

  private Prepared prepared(Campaign campaign) throws ViberContentRefused {
    Prepared cached = prepared.get(campaign.id());
    if (cached != null) {
      return cached;
    }
    String language =
        audience
            .findList(campaign.account(), campaign.listName())
            .map(ContactList::language)
            .orElse("uk");
    Prepared fresh = new Prepared(ViberTemplate.of(campaign), language);
    if (prepared.size() >= CACHED_CAMPAIGNS) {
      prepared.clear();
    }
    prepared.put(campaign.id(), fresh);
    return fresh;
  }
}
