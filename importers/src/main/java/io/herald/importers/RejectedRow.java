package io.herald.importers;

import java.util.Objects;

/**
 * A data row that could not become a contact, kept so the marketer sees every bad row with its
 * number and a reason instead of a silently shorter list (R2).
 *
 * @param rowNumber see {@link RowResult#rowNumber()}
 * @param value the offending raw text, with control characters made visible ({@code \n}, {@code
 *     \u0007}…) and truncated to 200 characters, so it is safe to show in a page or a log
 * @param reason a short human sentence, e.g. "invalid email: domain has no dot"
 */
public record RejectedRow(long rowNumber, String value, String reason) implements RowResult {

  /** Null checks only: the reader builds values already escaped and truncated. */
  public RejectedRow {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(reason, "reason");
  }
}
