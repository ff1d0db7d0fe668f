package io.herald.message;

import io.herald.account.AccountId;

/**
 * The port through which an accepted transactional message is counted against the account's quota
 * (R9) before it is stored: an email 1 per recipient, an SMS its parts per recipient.
 */
public interface MessageQuota {
  /** Quotas off. */
  MessageQuota UNLIMITED = (account, units) -> () -> {};

  /**
   * Counts {@code units} messages; the answer gives them back when the message is not stored after
   * all (an Idempotency-Key replay).
   *
   * @throws MessageRefused {@link MessageRefused.Reason#QUOTA_EXCEEDED} with the numbers when they
   *     do not fit; nothing was counted
   */
  Runnable take(AccountId account, long units) throws MessageRefused;
}
