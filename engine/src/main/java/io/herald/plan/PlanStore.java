package io.herald.plan;

import io.herald.account.AccountId;
import java.util.List;

/**
 * Where an account's plan, balance and ledger are kept (R9). Every change is one atomic step: the
 * plan is replaced only when its version is the one the caller read, the balance is charged only
 * when it covers the charge, and the ledger line is written with the balance after it.
 */
public interface PlanStore {
  /** What {@link #change} did. */
  enum Change {
    DONE,
    /** Someone changed the plan since it was read: read again and decide again. */
    STALE,
    /** The balance does not cover the charge: nothing changed. */
    INSUFFICIENT
  }

  /** The account's plan; {@link Subscription#free} at version 0 when it never had another. */
  Subscription find(AccountId account);

  /**
   * Replaces the plan (whose version must still be {@code expectedVersion}; the new one gets the
   * next version), charges {@code chargeMinor} from the balance and appends {@code entry} with the
   * balance after it.
   */
  Change change(
      AccountId account,
      long expectedVersion,
      long chargeMinor,
      Subscription next,
      LedgerEntry entry);

  /** Adds {@code entry.amountMinor()} to the balance and appends the entry; returns it as kept. */
  LedgerEntry topUp(AccountId account, LedgerEntry entry);

  long balance(AccountId account);

  /** The newest {@code limit} ledger entries, newest first. */
  List<LedgerEntry> ledger(AccountId account, int limit);
}
