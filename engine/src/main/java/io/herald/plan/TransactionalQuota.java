package io.herald.plan;

import io.herald.account.AccountId;
import io.herald.message.MessageQuota;
import io.herald.message.MessageRefused;
import java.time.Clock;
import java.time.Duration;

/**
 * Transactional messages (HTTP API and SMTP relay) counted against the account's quota (R9): past
 * it, a {@link MessageRefused.Reason#QUOTA_EXCEEDED} with the numbers, which the API answers 429
 * with {@code Retry-After} until the period renews and the relay {@code 452 4.5.3}.
 */
public final class TransactionalQuota implements MessageQuota {
  private final Quotas quotas;
  private final Clock clock;

  public TransactionalQuota(Quotas quotas, Clock clock) {
    this.quotas = quotas;
    this.clock = clock;
  }

  @Override
  public Runnable take(AccountId account, long units) throws MessageRefused {
    try {
      Quotas.Taken taken = quotas.take(account, units, "this message");
      return () -> quotas.giveBack(taken);
    } catch (QuotaExceeded e) {
      long wait = Duration.between(clock.instant(), e.renewsAt()).toSeconds();
      throw new MessageRefused(MessageRefused.Reason.QUOTA_EXCEEDED, e.getMessage(), wait);
    }
  }
}
