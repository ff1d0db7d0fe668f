package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import io.herald.importers.RejectedRow;
import io.herald.importers.RowResult;
import io.herald.importers.RowSink;
import java.io.IOException;

/**
 * The single path from a format reader to the caller's sink. It counts data rows so the maxRows
 * limit is enforced the same way for every format, and remembers whether the file had any content
 * and any contact, so "file is empty" and "not a contact list" are decided in one place.
 */
public final class RowEmitter {

  private final RowSink sink;
  private final long maxRows;
  private long rows;
  private boolean content;
  private boolean addresses;
  private RejectedRow firstReject;
  private String sheet = "";

  /** Wraps the caller's sink with the row limit. */
  public RowEmitter(RowSink sink, long maxRows) {
    this.sink = sink;
    this.maxRows = maxRows;
  }

  /** Records that the file has non-blank content (a header counts). */
  public void sawContent() {
    content = true;
  }

  /** Counts one non-blank data row, refusing the file when it goes past the limit. */
  public void dataRow() throws FileRefusedException {
    content = true;
    rows++;
    if (rows > maxRows) {
      throw new FileRefusedException("file has more than " + maxRows + " rows");
    }
  }

  /** Hands a result to the sink; the sink's exceptions propagate unchanged. */
  public void emit(RowResult result) throws IOException {
    if (result instanceof RejectedRow reject && firstReject == null) {
      firstReject = reject;
    }
    sink.accept(result);
  }

  /** Data rows counted so far. */
  public long rows() {
    return rows;
  }

  /**
   * Records that a row held something meant as an email or a phone, valid or not: such a file is a
   * contact list, however badly written, and its rows are reported one by one.
   */
  public void sawAddress() {
    addresses = true;
  }

  /** Names the worksheet whose rows come next, for the refusal's message. */
  public void sheet(String name) {
    sheet = name;
  }

  /** Whether a header or a data row was seen so far. */
  public boolean hasContent() {
    return content;
  }

  /**
   * Refuses a file that had nothing but whitespace, and one whose data rows were all rejected: a
   * hex dump, a table of figures or a report is not a contact list, and saying so once is clearer
   * than one reject per line (the first reject is named, so a list with one systematic fault, such
   * as phones without a country code, still says what is wrong).
   */
  public void requireContent() throws FileRefusedException {
    if (!content) {
      throw new FileRefusedException("file is empty");
    }
    if (rows > 0 && !addresses) {
      throw new FileRefusedException(
          "no row"
              + (sheet.isEmpty() ? "" : " of sheet '" + Texts.visible(sheet) + "'")
              + " has an email address or a phone number, so this does not look like a contact list"
              + " (row "
              + firstReject.rowNumber()
              + ": "
              + firstReject.reason()
              + ")");
    }
  }
}
