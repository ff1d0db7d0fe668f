package io.herald.audience;

/**
 * A row of an import that did not become a new member, with its row number, the value as written
 * and the reason, so the marketer can fix the file (R2: never silently dropped).
 */
public record RowIssue(long row, Kind kind, String value, String reason) {
  /** Why the row was not taken. */
  public enum Kind {
    REJECTED,
    SUPPRESSED,
    BLOCKED
  }
}
