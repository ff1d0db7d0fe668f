package io.herald.canary;

import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignRefused;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Completion;
import io.herald.campaign.Dispatcher;
import io.herald.campaign.Phase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Campaigns held for their content (R7) before anything of them was sent. The hold is recorded as
 * the campaign's canary record — no sample yet, the decision {@value #DECISION}, the classifier's
 * reason as its report — so the review queue, the views and the audit trail treat it as every held
 * campaign; approval starts the campaign as if it had never been held.
 */
final class ContentHolds {
  static final String DECISION = "content-hold";
  private static final int DISPATCH_BATCH = 1000;

  /** Draws and dispatches a canary of a campaign's audience ({@link Canaries#begin}). */
  interface CanaryStart {
    void begin(Campaign campaign, long audience);
  }

  private final boolean canaries;
  private final CanaryStore store;
  private final CampaignStore campaigns;
  private final Completion completion;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final CanaryStart canary;

  ContentHolds(
      boolean canaries,
      CanaryStore store,
      CampaignStore campaigns,
      Dispatcher dispatcher,
      Clock clock,
      CanaryStart canary) {
    this.canaries = canaries;
    this.store = store;
    this.campaigns = campaigns;
    this.completion = new Completion(campaigns);
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.canary = canary;
  }

  /** The campaign is held with its audience snapshotted: record why and queue it for review. */
  void hold(Campaign campaign, String reason) {
    Instant now = clock.instant();
    store.begin(
        campaign.account(),
        campaign.id(),
        new CanaryRecord(0, 0, now, Optional.empty(), DECISION, reason, Optional.empty(), false),
        List.of());
    // Nothing is sent, so nothing is to be scored.
    store.unwatch(campaign.account(), campaign.id());
    store.audit(campaign.account(), campaign.id(), new AuditEntry(now, "content", "held", reason));
    store.queueForReview(campaign.account(), campaign.id(), true);
  }

  /**
   * An administrator approved the held campaign: its canary starts (without canaries, all goes).
   */
  Campaign release(Campaign campaign, String detail) throws CampaignRefused {
    AccountId account = campaign.account();
    CampaignId id = campaign.id();
    Phase first = canaries ? Phase.CANARY : Phase.ALL;
    CampaignState sending = new CampaignState.Sending(first);
    if (!campaigns.transition(account, id, new CampaignState.Held(), sending)) {
      throw new CampaignRefused("campaign " + id + " is no longer held", true);
    }
    store.audit(account, id, new AuditEntry(clock.instant(), "admin", "approved", detail));
    store.queueForReview(account, id, false);
    Campaign released = campaign.withState(sending);
    if (first == Phase.CANARY) {
      canary.begin(released, campaign.recipients());
    } else {
      dispatchAll(released);
    }
    return released;
  }

  private void dispatchAll(Campaign campaign) {
    List<Long> batch = new ArrayList<>(DISPATCH_BATCH);
    for (long n = 1; n <= campaign.recipients(); n++) {
      batch.add(n);
      if (batch.size() == DISPATCH_BATCH || n == campaign.recipients()) {
        dispatcher.dispatch(campaign, Phase.ALL, List.copyOf(batch));
        batch.clear();
      }
    }
    completion.ifDone(campaign.account(), campaign.id());
  }
}
