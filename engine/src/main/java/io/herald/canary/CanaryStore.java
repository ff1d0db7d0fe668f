package io.herald.canary;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where canaries are kept (Redis): their records, samples, the watch list and the review queue. */
public interface CanaryStore {
  /** A campaign somewhere in the canary process. */
  record Ref(AccountId account, CampaignId campaign) {}

  /**
   * Records the sample (numbers, and the contact keys that engagement events are attributed by) and
   * puts the campaign on the watch list that every node's monitor scores.
   */
  void begin(AccountId account, CampaignId campaign, CanaryRecord record, List<Long> numbers);

  Optional<CanaryRecord> find(AccountId account, CampaignId campaign);

  /** The sample's recipient numbers. */
  List<Long> numbers(AccountId account, CampaignId campaign);

  /** Campaigns whose canary is being observed, or released but not yet fully dispatched. */
  List<Ref> watched();

  void unwatch(AccountId account, CampaignId campaign);

  /** Remembers the first time every canary message had a final outcome; later calls keep it. */
  void sendsFinished(AccountId account, CampaignId campaign, Instant at);

  /** Stores the latest decision and its explanation. */
  void decided(AccountId account, CampaignId campaign, String decision, String report);

  void rejected(AccountId account, CampaignId campaign, String reason);

  void restDispatched(AccountId account, CampaignId campaign);

  /** Adds to or removes from the administrators' review queue. */
  void queueForReview(AccountId account, CampaignId campaign, boolean held);

  List<Ref> heldForReview();

  void audit(AccountId account, CampaignId campaign, AuditEntry entry);

  List<AuditEntry> auditTrail(AccountId account, CampaignId campaign);
}
