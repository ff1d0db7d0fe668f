package io.herald.app;

import io.herald.account.Account;
import io.herald.account.Freeze;
import io.herald.account.Freezes;
import io.herald.campaign.Campaign;
import io.herald.campaign.Campaigns;
import io.herald.canary.AuditEntry;
import io.herald.canary.CanaryStore;
import io.herald.message.TransactionalQueue;
import java.time.Clock;

/**
 * What freezing an account does to work already under way (R8): its sending campaigns are paused,
 * with the reason in each campaign's audit trail, and stay paused after an unfreeze until the
 * account resumes them; its queued transactional copies are held by the workers (they ask {@link
 * Freezes#isFrozen}) and all come back at the unfreeze.
 */
final class FreezeEffects implements Freezes.Effects {
  private final Campaigns campaigns;
  private final CanaryStore audit;
  private final TransactionalQueue transactional;
  private final Clock clock;

  FreezeEffects(
      Campaigns campaigns, CanaryStore audit, TransactionalQueue transactional, Clock clock) {
    this.campaigns = campaigns;
    this.audit = audit;
    this.transactional = transactional;
    this.clock = clock;
  }

  @Override
  public void frozen(Account account, Freeze freeze) {
    for (Campaign paused : campaigns.pauseAllSending(account.id())) {
      audit.audit(
          account.id(),
          paused.id(),
          new AuditEntry(clock.instant(), "admin", "paused", "account frozen: " + freeze.reason()));
    }
  }

  @Override
  public void unfrozen(Account account) {
    transactional.releaseHeld(account.id());
  }
}
