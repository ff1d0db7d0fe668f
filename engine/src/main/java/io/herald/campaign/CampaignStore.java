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

  /** Appends recipients to the snapshot (numbers assigned by the caller). */
  void addRecipients(AccountId account, CampaignId id, List<Recipient> recipients);

  /**
   * Records the snapshot's size once it is complete. Until then the campaign counts 0 recipients,
   * so it cannot look finished while its audience is still being dispatched.
   */
  void setRecipientCount(AccountId account, CampaignId id, long total);

  /**
   * Records a final outcome for a recipient exactly once and returns how many recipients now have
   * one; -1 when this recipient already had one (a reclaimed duplicate), and nothing is counted.
   */
  long recordFinal(AccountId account, CampaignId id, long number, Phase phase, String counter);

  /**
   * The same, also counting the message as sent (one attempt that reached a final outcome) in the
   * same step; a duplicate counts neither.
   */
  long recordSentFinal(AccountId account, CampaignId id, long number, Phase phase, String counter);

  /**
   * What a worker needs before sending one message, read in one step: the campaign's state, whether
   * the recipient already has a final outcome, the recipient, and whether the contact is suppressed
   * now (an unsubscribe or a hard bounce since the snapshot stops the send).
   */
  record SendCheck(
      Optional<CampaignState> state,
      boolean alreadyFinal,
      Optional<Recipient> recipient,
      boolean suppressed) {}

  SendCheck check(AccountId account, CampaignId id, long number);

  void count(AccountId account, CampaignId id, Phase phase, String counter);

  CampaignStats stats(AccountId account, CampaignId id);

  /** Number of recipients with a final outcome. */
  long finals(AccountId account, CampaignId id);

  /**
   * A bounce that arrived by mail (a DSN) after the remote server had accepted the message: the
   * recipient's final outcome becomes {@code counter} (e.g. {@code bounced_hard}) in its phase, and
   * the {@code delivered} count it had goes down by one. With no outcome yet (still being retried)
   * the bounce becomes its final outcome. False, and nothing changes, when the recipient already
   * had another outcome than delivered: a second DSN for one message, or one for a message never
   * sent.
   */
  boolean recordLateBounce(AccountId account, CampaignId id, long number, String counter);
}
