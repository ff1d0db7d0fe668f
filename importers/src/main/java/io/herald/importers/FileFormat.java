package io.herald.importers;

/**
 * The four upload formats a marketer may use (R2). The reader decides the format from the file's
 * content, not from its name, because lists are routinely renamed, exported with the wrong
 * extension, or saved as "contacts.xls" by tools that actually write CSV.
 */
public enum FileFormat {
  /** Plain text: addresses and phones one per line or several per line. */
  TXT,
  /** Delimited text with an optional header row. */
  CSV,
  /** Excel 97-2003 binary workbook (OLE2 / BIFF8). */
  XLS,
  /** Office Open XML workbook (a zip of XML parts). */
  XLSX
}
