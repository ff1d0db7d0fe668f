package io.herald.importers;

import java.util.Objects;

/**
 * What the reader found out about a file it read to the end, for the import report shown to the
 * marketer ("CSV, windows-1251, 1532 rows").
 *
 * @param format the detected format
 * @param encoding the charset name for TXT/CSV, "" for XLS/XLSX
 * @param rows the number of non-blank data rows read (a header is not counted; a TXT line with
 *     several addresses counts once)
 */
public record ReadSummary(FileFormat format, String encoding, long rows) {

  /** Null checks only. */
  public ReadSummary {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(encoding, "encoding");
  }
}
