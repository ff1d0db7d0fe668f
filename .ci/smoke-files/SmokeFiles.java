// Wrote contacts.xls (BIFF8) and contacts.xlsx next to it, the spreadsheets .ci/smoke imports: a
// header row and ten contacts each. Committed, so the smoke does not need Maven to find POI; to write
// them again, with the importers module's classpath (never the shipped lib/):
//   ./mvnw -q -pl importers dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
//   java -cp "$(cat /tmp/cp.txt)" .ci/smoke-files/SmokeFiles.java .ci/smoke-files
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

void main(String[] args) throws Exception {
  Path dir = Path.of(args[0]);
  write(new HSSFWorkbook(), dir.resolve("contacts.xls"), "xls");
  write(new XSSFWorkbook(), dir.resolve("contacts.xlsx"), "xlsx");
}

void write(Workbook book, Path file, String prefix) throws Exception {
  try (book;
      OutputStream out = Files.newOutputStream(file)) {
    Sheet sheet = book.createSheet("contacts");
    Row header = sheet.createRow(0);
    header.createCell(0).setCellValue("email");
    header.createCell(1).setCellValue("name");
    for (int i = 1; i <= 10; i++) {
      Row row = sheet.createRow(i);
      row.createCell(0).setCellValue(prefix + i + "@example.com");
      row.createCell(1).setCellValue("Reader " + prefix + " " + i);
    }
    book.write(out);
  }
}
