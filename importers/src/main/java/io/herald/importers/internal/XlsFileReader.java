package io.herald.importers.internal;

import io.herald.importers.FileFormat;
import io.herald.importers.FileRefusedException;
import io.herald.importers.ReadSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.eventusermodel.MissingRecordAwareHSSFListener;
import org.apache.poi.hssf.eventusermodel.dummyrecord.LastCellOfRowDummyRecord;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;

/**
 * Reads the first worksheet that has a non-blank row of an Excel 97-2003 workbook with POI's HSSF
 * event API, record by record, so only the shared string table (which XLS keeps in one piece) is
 * held in memory, never the cell grid; a blank first sheet is skipped, and the summary names the
 * sheet that was read. The OLE2 container is inspected first: an {@code EncryptionInfo} stream
 * means an encrypted XLSX, which is refused as password-protected, as is an XLS with a read
 * password (POI's {@link EncryptedDocumentException}); Excel 5/95 files are refused with advice to
 * re-save them.
 */
public final class XlsFileReader {

  private final ContactFactory contacts;

  /** Configured once per import. */
  public XlsFileReader(ContactFactory contacts) {
    this.contacts = contacts;
  }

  /** Reads the first worksheet with rows into the emitter. */
  public ReadSummary read(Path file, RowEmitter emitter) throws FileRefusedException, IOException {
    RowBuffer rows = new RowBuffer(new TableRowInterpreter(contacts, emitter));
    SheetListener sheet = new SheetListener(rows, emitter);
    try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
      requireWorkbook(fs.getRoot());
      FormatTrackingHSSFListener formats =
          new FormatTrackingHSSFListener(new MissingRecordAwareHSSFListener(sheet));
      sheet.formats = formats;
      HSSFRequest request = new HSSFRequest();
      request.addListenerForAllRecords(formats);
      new HSSFEventFactory().processWorkbookEvents(request, fs);
      rows.flush();
    } catch (SheetDone done) {
      rows.flush();
    } catch (CallbackAbort abort) {
      abort.rethrow();
    } catch (EncryptedDocumentException e) {
      throw new FileRefusedException("XLS is password-protected", e);
    } catch (OldExcelFormatException e) {
      throw new FileRefusedException(
          "XLS is in the old Excel 5/95 format; save it as .xlsx and upload again", e);
    } catch (IOException | RuntimeException e) {
      throw new FileRefusedException("XLS file is corrupt or truncated", e);
    }
    emitter.requireContent();
    return new ReadSummary(FileFormat.XLS, "", sheet.readName(), emitter.rows());
  }

  private static void requireWorkbook(DirectoryNode root) throws FileRefusedException {
    if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
      throw new FileRefusedException("XLSX is password-protected");
    }
    if (!root.hasEntry("Workbook") && !root.hasEntry("WORKBOOK") && !root.hasEntry("Book")) {
      throw new FileRefusedException("not a spreadsheet (an Office file without a workbook)");
    }
  }

  /** Thrown to stop the event stream once a worksheet with rows ends. */
  private static final class SheetDone extends RuntimeException {
    SheetDone() {
      super("sheet with rows read", null, false, false);
    }
  }

  /**
   * Turns the records of worksheets into cells, one worksheet after the other, and stops at the end
   * of the first one that gave the emitter content.
   */
  private static final class SheetListener implements HSSFListener {

    private final RowBuffer rows;
    private final RowEmitter emitter;
    private final List<BoundSheetRecord> sheets = new ArrayList<>();
    private BoundSheetRecord[] sheetsInFileOrder;
    private FormatTrackingHSSFListener formats;
    private final NumericCellText numbers = new NumericCellText();
    private SSTRecord strings;
    private int depth;
    private int substreams;
    private boolean inWorksheet;
    private String name = "";
    private String readName = "";
    private int pendingFormulaRow = -1;
    private int pendingFormulaColumn;

    SheetListener(RowBuffer rows, RowEmitter emitter) {
      this.rows = rows;
      this.emitter = emitter;
    }

    /** The name of the worksheet whose rows were read, "" when none had any. */
    String readName() {
      return readName;
    }

    @Override
    public void processRecord(Record record) {
      switch (record) {
        case BOFRecord bof -> begin(bof);
        case EOFRecord eof -> end();
        case BoundSheetRecord sheet -> sheets.add(sheet);
        case SSTRecord sst -> strings = sst;
        default -> {
          if (inWorksheet) {
            cellRecord(record);
          }
        }
      }
    }

    /**
     * Every sheet (worksheet, chart sheet, macro sheet) is a top-level substream after the workbook
     * globals, in the order of its BoundSheet record's offset; embedded charts open their own
     * substreams inside a sheet, hence the depth.
     */
    private void begin(BOFRecord bof) {
      if (depth++ > 0 || bof.getType() == BOFRecord.TYPE_WORKBOOK) {
        return;
      }
      if (sheetsInFileOrder == null) {
        sheetsInFileOrder = BoundSheetRecord.orderByBofPosition(sheets);
      }
      int index = substreams++;
      name = index < sheetsInFileOrder.length ? sheetsInFileOrder[index].getSheetname() : "";
      inWorksheet = bof.getType() == BOFRecord.TYPE_WORKSHEET;
      emitter.sheet(name);
    }

    private void end() {
      if (--depth > 0 || !inWorksheet) {
        return;
      }
      inWorksheet = false;
      rows.flush();
      if (emitter.hasContent()) {
        readName = name;
        throw new SheetDone();
      }
    }

    private void cellRecord(Record record) {
      switch (record) {
        case LabelSSTRecord label ->
            cell(label, strings == null ? "" : strings.getString(label.getSSTIndex()).getString());
        case LabelRecord label -> rows.cell(label.getRow(), label.getColumn(), label.getValue());
        case NumberRecord number -> cell(number, number(number.getValue(), number));
        case FormulaRecord formula -> formula(formula);
        case StringRecord string when pendingFormulaRow >= 0 -> {
          rows.cell(pendingFormulaRow, pendingFormulaColumn, string.getString());
          pendingFormulaRow = -1;
        }
        case BoolErrRecord bool when bool.isBoolean() ->
            cell(bool, bool.getBooleanValue() ? "TRUE" : "FALSE");
        case LastCellOfRowDummyRecord end -> rows.flush();
        default -> {}
      }
    }

    private void formula(FormulaRecord formula) {
      if (formula.getCachedResultTypeEnum() == CellType.STRING) {
        pendingFormulaRow = formula.getRow();
        pendingFormulaColumn = formula.getColumn();
      } else if (formula.getCachedResultTypeEnum() == CellType.NUMERIC) {
        cell(formula, number(formula.getValue(), formula));
      } else if (formula.getCachedResultTypeEnum() == CellType.BOOLEAN) {
        cell(formula, formula.getCachedBooleanValue() ? "TRUE" : "FALSE");
      }
    }

    private String number(double value, CellValueRecordInterface cell) {
      return numbers.formatRawCellContents(
          value, formats.getFormatIndex(cell), formats.getFormatString(cell));
    }

    private void cell(CellValueRecordInterface cell, String text) {
      rows.cell(cell.getRow(), cell.getColumn(), text);
    }
  }
}
