package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the cells of the spreadsheet row being streamed (POI delivers them one by one, with gaps
 * for empty cells) and hands the finished row to the {@link TableRowInterpreter}. Exceptions are
 * wrapped in {@link CallbackAbort} because the callers are POI callbacks.
 */
final class RowBuffer {

  private static final int MAX_COLUMNS = 16_384;

  private final TableRowInterpreter interpreter;
  private final List<String> cells = new ArrayList<>();
  private int row = -1;

  RowBuffer(TableRowInterpreter interpreter) {
    this.interpreter = interpreter;
  }

  /** Adds a cell of the given 0-based row and column. */
  void cell(int rowIndex, int column, String text) {
    if (rowIndex != row) {
      flush();
      row = rowIndex;
    }
    if (column < 0 || column >= MAX_COLUMNS) {
      return;
    }
    while (cells.size() <= column) {
      cells.add("");
    }
    cells.set(column, text == null ? "" : text);
  }

  /** Number of cells so far in the current row, for cells that come without a reference. */
  int width() {
    return cells.size();
  }

  /** Sends the current row, if any, to the interpreter. */
  void flush() {
    if (row >= 0 && !cells.isEmpty()) {
      try {
        interpreter.row(row + 1L, List.copyOf(cells));
      } catch (IOException | FileRefusedException | RuntimeException e) {
        throw new CallbackAbort(e);
      }
    }
    cells.clear();
    row = -1;
  }
}
