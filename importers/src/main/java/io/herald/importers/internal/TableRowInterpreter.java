package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows of a table (CSV, XLS, XLSX) into results, so the three formats share one set of
 * rules. The first non-blank row decides the layout: a recognised header ({@link HeaderLayout}) is
 * consumed and maps columns by name; otherwise the file has no header and every row is classified
 * cell by cell — the first cell containing '@' is the email, the first cell that looks like a phone
 * (only digits, spaces and {@code +()-./}, with 7 to 15 digits) is the phone, the first other cell
 * with a letter is the name, and the rest are attributes "col2", "col3"… named by their 1-based
 * column. Blank rows are skipped silently.
 */
public final class TableRowInterpreter {

  private final ContactFactory contacts;
  private final RowEmitter emitter;
  private HeaderLayout header;
  private boolean layoutDecided;

  /** One interpreter per file: it remembers the header. */
  public TableRowInterpreter(ContactFactory contacts, RowEmitter emitter) {
    this.contacts = contacts;
    this.emitter = emitter;
  }

  /**
   * Handles one physical row.
   *
   * @param rowNumber the 1-based spreadsheet row
   * @param cells the row's cells, blank strings for empty cells
   */
  public void row(long rowNumber, List<String> cells) throws IOException, FileRefusedException {
    if (cells.stream().allMatch(Texts::isBlank)) {
      return;
    }
    if (!layoutDecided) {
      layoutDecided = true;
      header = HeaderLayout.detect(cells).orElse(null);
      if (header != null) {
        emitter.sawContent();
        return;
      }
    }
    emitter.dataRow();
    HeaderLayout.Cells split = header != null ? header.split(cells) : classify(cells);
    if (!Texts.isBlank(split.email()) || !Texts.isBlank(split.phone())) {
      emitter.sawAddress();
    }
    emitter.emit(
        contacts.build(
            rowNumber,
            split.email(),
            split.phone(),
            split.name(),
            split.attributes(),
            joined(cells)));
  }

  private static HeaderLayout.Cells classify(List<String> cells) {
    String email = null;
    String phone = null;
    String name = null;
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (Texts.isBlank(cell)) {
        continue;
      }
      if (email == null && cell.indexOf('@') >= 0) {
        email = cell;
      } else if (phone == null && looksLikePhone(cell)) {
        phone = cell;
      } else if (name == null && cell.codePoints().anyMatch(Character::isLetter)) {
        name = cell;
      } else {
        attributes.put(HeaderLayout.columnName(i), cell);
      }
    }
    return new HeaderLayout.Cells(
        email == null ? "" : email,
        phone == null ? "" : phone,
        name == null ? "" : name,
        attributes);
  }

  /** Only phone punctuation and 7–15 digits; shared with the TXT splitter. */
  static boolean looksLikePhone(String text) {
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if ("+()-./ \u00A0\t".indexOf(c) < 0) {
        return false;
      }
    }
    return digits >= 7 && digits <= 15;
  }

  private static String joined(List<String> cells) {
    int end = cells.size();
    while (end > 0 && Texts.isBlank(cells.get(end - 1))) {
      end--;
    }
    return String.join(", ", cells.subList(0, end));
  }
}
