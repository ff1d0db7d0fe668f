package io.herald.campaign;

import io.herald.account.AccountId;
import java.util.List;
import java.util.Optional;

/** Where campaigns, their audience snapshots, ledgers and counters are kept (Redis). */
public interface CampaignStore {
  void create(Campaign campaign);

  Optional<Campaign> find(AccountId account, CampaignId id);

  List<Campaign> list(AccountId account, int limit);

  /** Moves the campaign from {@code expected} to {@code next}; false if it was not in expected. */
  boolean transition(AccountId account, CampaignId id, CampaignState expected, CampaignState next);

  /** Appends recipients to the snapshot (numbers assigned by the caller) and sets the total. */
  void addRecipients(AccountId account, CampaignId id, List<Recipient> recipients, long total);

  Optional<Recipient> recipient(AccountId account, CampaignId id, long number);

  /**
   * Records a final outcome for a recipient exactly once. Returns false when the recipient already
   * had one (a reclaimed duplicate), in which case nothing is counted.
   */
  boolean recordFinal(AccountId account, CampaignId id, long number, Phase phase, String counter);

  /** True when the recipient already has a final outcome (sent before a node died, say). */
  boolean isFinal(AccountId account, CampaignId id, long number);

  void count(AccountId account, CampaignId id, Phase phase, String counter);

  CampaignStats stats(AccountId account, CampaignId id);

  /** Number of recipients with a final outcome. */
  long finals(AccountId account, CampaignId id);
}
