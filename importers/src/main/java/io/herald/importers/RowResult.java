package io.herald.importers;

/**
 * The outcome of one data row: a contact or a reject. Sealed so the engine switches over it
 * exhaustively and a bad row can never be dropped by a forgotten {@code else} (R2: bad rows are
 * reported with row number and reason, never silently dropped).
 */
public sealed interface RowResult permits ParsedContact, RejectedRow {

  /**
   * The 1-based row as the user sees it: the line in a text editor for TXT, the spreadsheet row for
   * CSV, XLS and XLSX (a header row is row 1, so the first data row is 2).
   */
  long rowNumber();
}
