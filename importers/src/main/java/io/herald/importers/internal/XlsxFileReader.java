package io.herald.importers.internal;

import io.herald.importers.FileFormat;
import io.herald.importers.FileRefusedException;
import io.herald.importers.ImportLimits;
import io.herald.importers.ReadSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the first sheet that has a non-blank row of an XLSX with POI's streaming SAX reader ({@link
 * XSSFReader} and {@link XSSFSheetXMLHandler}), so the cell grid is never held in memory; a blank
 * first sheet (a workbook whose list is on "Sheet2") is skipped, and the summary names the sheet
 * that was read. The shared string table is held: {@link ReadOnlySharedStringsTable} loads all of
 * it, which is the price of reading files written by Excel (it puts every text cell there); files
 * with inline strings, such as those written by streaming writers, do not pay it. The package is
 * opened through a {@link ZipBombGuard}, so the string table and the sheets are bounded by the
 * limits as they inflate, and checked by {@link ZipPackageCheck} before POI sees it.
 */
public final class XlsxFileReader {

  private final ImportLimits limits;
  private final ContactFactory contacts;

  /** Configured once per import. */
  public XlsxFileReader(ImportLimits limits, ContactFactory contacts) {
    this.limits = limits;
    this.contacts = contacts;
  }

  /** Reads the first sheet with rows into the emitter. */
  public ReadSummary read(Path file, RowEmitter emitter) throws FileRefusedException, IOException {
    String sheetName;
    try (ZipBombGuard zip = ZipBombGuard.open(file, limits)) {
      try {
        ZipPackageCheck.requireXlsx(zip);
        sheetName = readSheets(zip, emitter);
      } catch (FileRefusedException e) {
        throw zip.refusal().orElse(e);
      } catch (Exception e) {
        if (zip.refusal().isPresent()) {
          throw zip.refusal().get();
        }
        CallbackAbort abort = CallbackAbort.find(e);
        if (abort != null) {
          abort.rethrow();
        }
        throw new FileRefusedException("XLSX file is corrupt or truncated", e);
      }
    }
    emitter.requireContent();
    return new ReadSummary(FileFormat.XLSX, "", sheetName, emitter.rows());
  }

  /** Streams sheets in workbook order until one had content; returns its name. */
  private String readSheets(ZipBombGuard zip, RowEmitter emitter) throws Exception {
    RowBuffer rows = new RowBuffer(new TableRowInterpreter(contacts, emitter));
    try (OPCPackage pkg = OPCPackage.open(zip)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = reader.getSheetIterator();
      if (!sheets.hasNext()) {
        throw new FileRefusedException("XLSX has no sheets");
      }
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          emitter.sheet(sheets.getSheetName());
          XMLReader parser = XMLHelper.newXMLReader();
          parser.setContentHandler(
              new XSSFSheetXMLHandler(
                  styles == null ? new StylesTable() : styles,
                  strings,
                  new CellCollector(rows),
                  new NumericCellText(),
                  false));
          parser.parse(new InputSource(sheet));
        }
        rows.flush();
        if (emitter.hasContent()) {
          return sheets.getSheetName();
        }
      }
      return "";
    }
  }

  /** Maps SAX cell events to row buffer cells. */
  private static final class CellCollector implements SheetContentsHandler {

    private final RowBuffer rows;
    private int row;

    CellCollector(RowBuffer rows) {
      this.rows = rows;
    }

    @Override
    public void startRow(int rowNum) {
      rows.flush();
      row = rowNum;
    }

    @Override
    public void endRow(int rowNum) {
      rows.flush();
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
      int column = reference == null ? rows.width() : new CellReference(reference).getCol();
      rows.cell(row, column, formattedValue);
    }
  }
}
