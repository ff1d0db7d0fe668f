package io.herald.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Fixture files written by the real libraries (Commons CSV, POI) inside the tests. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] csv(Charset charset, List<List<String>> rows) throws IOException {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = CSVFormat.DEFAULT.print(out)) {
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    }
    return out.toString().getBytes(charset);
  }

  public static byte[] xlsx(List<List<String>> rows) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("contacts");
      for (int r = 0; r < rows.size(); r++) {
        var row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          row.createCell(c).setCellValue(rows.get(r).get(c));
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }
}
