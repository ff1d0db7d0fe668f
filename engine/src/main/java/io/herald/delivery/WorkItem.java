package io.herald.delivery;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import java.time.Instant;

/**
 * One message to deliver: recipient number {@code recipient} of a campaign's audience snapshot, in
 * a phase, on its {@code attempt}-th try (1 = first), first tried at {@code firstQueuedAt} — the
 * clock that the retry age limit runs on.
 */
public record WorkItem(
    AccountId account,
    CampaignId campaign,
    long recipient,
    Phase phase,
    int attempt,
    Instant firstQueuedAt) {

  public WorkItem nextAttempt() {
    return new WorkItem(account, campaign, recipient, phase, attempt + 1, firstQueuedAt);
  }
}
