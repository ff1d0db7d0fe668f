package io.herald.bench;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.SAXParserFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The reference side of the import scenario: the same libraries Herald uses, parsing the same file
 * with nothing else — no validation, no normalisation, no store. The ratio to it says what Herald's
 * own work costs.
 */
final class ReferenceParse {
  private ReferenceParse() {}

  static void run(Path file) throws Exception {
    long start = System.nanoTime();
    long rows = file.toString().endsWith(".csv") ? csv(file) : xlsx(file);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("rows=%d seconds=%.3f%n", rows, seconds);
  }

  private static long csv(Path file) throws Exception {
    long rows = 0;
    long chars = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
        chars += record.get(1).length(); // touch a cell so the parse is not optimised away
        rows++;
      }
    }
    return chars > 0 ? rows : -1;
  }

  private static long xlsx(Path file) throws Exception {
    AtomicLong rows = new AtomicLong();
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      XSSFSheetXMLHandler.SheetContentsHandler counter =
          new XSSFSheetXMLHandler.SheetContentsHandler() {
            @Override
            public void startRow(int rowNum) {}

            @Override
            public void endRow(int rowNum) {
              rows.incrementAndGet();
            }

            @Override
            public void cell(String ref, String value, XSSFComment comment) {}
          };
      XMLReader parser = SAXParserFactory.newDefaultNSInstance().newSAXParser().getXMLReader();
      parser.setContentHandler(
          new XSSFSheetXMLHandler(
              reader.getStylesTable(), strings, counter, new DataFormatter(), false));
      try (InputStream sheet = reader.getSheetsData().next()) {
        parser.parse(new InputSource(sheet));
      }
    }
    return rows.get() - 1; // the header row
  }
}
