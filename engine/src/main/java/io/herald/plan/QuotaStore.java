package io.herald.plan;

import io.herald.account.AccountId;
import java.time.Instant;

/**
 * Where an account's message counts per period are kept, atomically for all nodes (Redis: one
 * script per take, so two campaigns started at once on two nodes cannot both take the last of a
 * quota).
 */
public interface QuotaStore {
  /** The outcome of a take: whether it fitted, and what was used in the period after it. */
  record Take(boolean granted, long used) {}

  /**
   * Adds {@code units} to the period's count when the count stays at most {@code limit}; otherwise
   * changes nothing. The count is kept until {@code keepUntil}.
   */
  Take take(AccountId account, String periodKey, long units, long limit, Instant keepUntil);

  /** Gives back units taken for something that was not sent after all (never below zero). */
  void giveBack(AccountId account, String periodKey, long units);

  /** Messages counted in the period so far. */
  long used(AccountId account, String periodKey);
}
