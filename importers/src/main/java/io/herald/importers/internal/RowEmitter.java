package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import io.herald.importers.RowResult;
import io.herald.importers.RowSink;
import java.io.IOException;

/**
 * The single path from a format reader to the caller's sink. It counts data rows so the maxRows
 * limit is enforced the same way for every format, and remembers whether the file had any content
 * so "file is empty" is decided in one place.
 */
public final class RowEmitter {

  private final RowSink sink;
  private final long maxRows;
  private long rows;
  private boolean content;

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
    sink.accept(result);
  }

  /** Data rows counted so far. */
  public long rows() {
    return rows;
  }

  /** Whether a header or a data row was seen so far. */
  public boolean hasContent() {
    return content;
  }

  /** Refuses a file that had nothing but whitespace. */
  public void requireContent() throws FileRefusedException {
    if (!content) {
      throw new FileRefusedException("file is empty");
    }
  }
}
