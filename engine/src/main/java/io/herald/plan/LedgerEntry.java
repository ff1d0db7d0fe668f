package io.herald.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an account's ledger (R9): a top-up recorded by an administrator, a package's charge
 * (bought, upgraded to, renewed) or a change without money (a downgrade scheduled, a drop to the
 * free plan when the balance could not renew). {@code amountMinor} is signed (a charge is
 * negative), {@code balanceMinor} is the balance after it, both in minor units of the plans'
 * currency; {@code by} is who did it ({@code key:<id>}, an administrator's name, or {@code herald}
 * for a renewal).
 */
public record LedgerEntry(
    Instant at,
    String kind,
    long amountMinor,
    long balanceMinor,
    String plan,
    String by,
    String note) {
  public LedgerEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(note, "note");
  }
}
