package io.herald.plan;

import io.herald.audience.ContactList;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignQuota;
import io.herald.campaign.CampaignRefused;

/**
 * A campaign's start counted against its account's quota (R9): each recipient's cost from {@link
 * RecipientCosts}, then one atomic take of the whole audience, refused (422) with the numbers when
 * it does not fit.
 */
public final class CampaignCosts implements CampaignQuota {
  private final Quotas quotas;
  private final RecipientCosts costs;

  public CampaignCosts(Quotas quotas, RecipientCosts costs) {
    this.quotas = quotas;
    this.costs = costs;
  }

  @Override
  public Cost cost(Campaign campaign, ContactList list) {
    return costs.cost(campaign, list);
  }

  @Override
  public void take(Campaign campaign, long recipients, long units) throws CampaignRefused {
    try {
      quotas.take(
          campaign.account(), units, "this campaign (" + recipients + " recipients, whole)");
    } catch (QuotaExceeded e) {
      throw CampaignRefused.unprocessable(e.getMessage());
    }
  }
}
