package io.herald.campaign;

import io.herald.account.AccountId;

/**
 * Marks a campaign completed once every recipient of its snapshot has a final outcome. A canary
 * under observation is never completed here, even when its sample is the whole audience: its
 * decision comes first.
 */
public final class Completion {
  private final CampaignStore store;

  public Completion(CampaignStore store) {
    this.store = store;
  }

  /** Idempotent; any node may call it at any time. */
  public void ifDone(AccountId account, CampaignId id) {
    store
        .find(account, id)
        .filter(
            c -> c.state() instanceof CampaignState.Sending(Phase phase) && phase != Phase.CANARY)
        .filter(c -> c.recipients() > 0 && store.finals(account, id) >= c.recipients())
        .ifPresent(c -> store.transition(account, id, c.state(), new CampaignState.Completed()));
  }
}
