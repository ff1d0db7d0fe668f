package io.herald.importers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip-based files that are not the XLSX Herald reads: each is refused at once with a reason that
 * names what the file is and what to save it as, whatever the file is called.
 */
class WorkbookFormatTest {

  @TempDir Path dir;

  @Test
  void openDocumentSpreadsheetIsRefusedNamingTheFormat() throws Exception {
    Path file = dir.resolve("contacts.ods");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      stored(zip, "mimetype", "application/vnd.oasis.opendocument.spreadsheet");
      deflated(
          zip,
          "META-INF/manifest.xml",
          "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
              + "<manifest:file-entry manifest:full-path=\"/\""
              + " manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
              + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
              + "</manifest:manifest>");
      deflated(
          zip,
          "content.xml",
          "<office:document-content"
              + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
              + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
              + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
              + "<office:body><office:spreadsheet><table:table table:name=\"Contacts\">"
              + "<table:table-row><table:table-cell><text:p>ivan@example.com</text:p>"
              + "</table:table-cell></table:table-row></table:table>"
              + "</office:spreadsheet></office:body></office:document-content>");
    }

    for (String name : new String[] {"contacts.ods", "contacts.xlsx", "contacts.csv"}) {
      assertRefused(
          file,
          name,
          "this is an OpenDocument spreadsheet (.ods), which cannot be imported;"
              + " save it as .xlsx or .csv and upload again");
    }
  }

  @Test
  void excelBinaryWorkbookIsRefusedNamingTheFormat() throws Exception {
    Path file = dir.resolve("contacts.xlsb");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      deflated(
          zip,
          "[Content_Types].xml",
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              + "<Default Extension=\"rels\""
              + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              + "<Override PartName=\"/xl/workbook.bin\""
              + " ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>"
              + "</Types>");
      deflated(
          zip,
          "_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\""
              + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
              + " Target=\"xl/workbook.bin\"/></Relationships>");
      deflated(zip, "xl/workbook.bin", "\u0083\u0001\u0000\u0080\u0001\u0000");
    }

    assertRefused(
        file,
        "contacts.xlsb",
        "this is an Excel binary workbook (.xlsb), which cannot be imported;"
            + " save it as .xlsx or .csv and upload again");
  }

  @Test
  void strictOpenXmlWorkbookIsRefusedNamingTheFormat() throws Exception {
    Path transitional = dir.resolve("transitional.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(transitional)) {
      workbook.createSheet("Contacts").createRow(0).createCell(0).setCellValue("ivan@example.com");
      workbook.write(out);
    }
    // Excel's "Strict Open XML Spreadsheet" is the same package with the ISO namespaces.
    Path file = dir.resolve("strict.xlsx");
    try (ZipFile source = new ZipFile(transitional.toFile());
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Enumeration<? extends ZipEntry> e = source.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String xml =
            new String(source.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)
                .replace(
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    "http://purl.oclc.org/ooxml/officeDocument/relationships")
                .replace(
                    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    "http://purl.oclc.org/ooxml/spreadsheetml/main");
        deflated(zip, entry.getName(), xml);
      }
    }

    assertRefused(
        file,
        "strict.xlsx",
        "this workbook is saved as Strict Open XML, which cannot be imported;"
            + " save it as .xlsx (Excel Workbook) or .csv and upload again");
  }

  @Test
  void zipArchiveThatIsNoWorkbookIsRefusedSayingWhatToUpload() throws Exception {
    Path file = dir.resolve("contacts.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      deflated(zip, "contacts.csv", "email\nivan@example.com\n");
    }

    assertRefused(
        file,
        "contacts.xlsx",
        "this is a zip archive, not a spreadsheet; unpack it and upload the .xlsx or .csv inside");
  }

  private static void assertRefused(Path file, String name, String message) {
    assertThatThrownBy(() -> Imports.read(file, name))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage(message);
  }

  static void deflated(ZipOutputStream zip, String name, String text) throws Exception {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static void stored(ZipOutputStream zip, String name, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }
}
