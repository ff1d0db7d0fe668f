package io.herald.importers;

import java.util.Objects;

/**
 * What the reader found out about a file it read to the end, for the import report shown to the
 * marketer ("CSV, windows-1251, 1532 rows", or "XLSX, sheet Contacts, 1532 rows").
 *
 * @param format the detected format
 * @param encoding the charset name for TXT/CSV, "" for XLS/XLSX
 * @param sheet the name of the worksheet that was read for XLS/XLSX (the first one with a non-blank
 *     row, which is not always the first sheet), "" for TXT/CSV
 * @param rows the number of non-blank data rows read (a header is not counted; a TXT line with
 *     several addresses counts once)
 */
public record ReadSummary(FileFormat format, String encoding, String sheet, long rows) {

  /** Null checks only. */
  public ReadSummary {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(sheet, "sheet");
  }
}
