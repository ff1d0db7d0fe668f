package io.herald.importers.internal;

import io.herald.importers.FileFormat;
import io.herald.importers.FileRefusedException;
import io.herald.importers.ImportLimits;
import io.herald.importers.ReadSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
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
 * Reads the first sheet of an XLSX with POI's streaming SAX reader ({@link XSSFReader} and {@link
 * XSSFSheetXMLHandler}), so the cell grid is never held in memory. The shared string table is:
 * {@link ReadOnlySharedStringsTable} loads all of it, which is the price of reading files written
 * by Excel (it puts every text cell there); files with inline strings, such as those written by
 * streaming writers, do not pay it. {@link ZipBombGuard} runs first, so the string table and the
 * sheet are bounded by {@code maxUncompressedBytes}.
 */
public final class XlsxFileReader {

  private final ImportLimits limits;
  private final ContactFactory contacts;

  /** Configured once per import. */
  public XlsxFileReader(ImportLimits limits, ContactFactory contacts) {
    this.limits = limits;
    this.contacts = contacts;
  }

  /** Reads the first sheet into the emitter. */
  public ReadSummary read(Path file, RowEmitter emitter) throws FileRefusedException, IOException {
    ZipBombGuard.check(file, limits);
    RowBuffer rows = new RowBuffer(new TableRowInterpreter(contacts, emitter));
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      StylesTable styles = reader.getStylesTable();
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new FileRefusedException("XLSX has no sheets");
      }
      try (InputStream sheet = sheets.next()) {
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
    } catch (FileRefusedException e) {
      throw e;
    } catch (Exception e) {
      CallbackAbort abort = CallbackAbort.find(e);
      if (abort != null) {
        abort.rethrow();
      }
      throw new FileRefusedException("XLSX file is corrupt or truncated", e);
    }
    emitter.requireContent();
    return new ReadSummary(FileFormat.XLSX, "", emitter.rows());
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
