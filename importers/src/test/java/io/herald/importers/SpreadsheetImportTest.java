package io.herald.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetImportTest {

  @TempDir Path dir;

  @Test
  void xlsWithNumericPhoneCellsComesOutAsPlainDigits() throws Exception {
    Path file = write("list.xls", new HSSFWorkbook());

    Imports read = Imports.read(file, "list.xls");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.XLS, "", "Contacts", 3));
    assertExpectedContacts(read);
  }

  @Test
  void xlsxWithSharedStrings() throws Exception {
    Path file = write("list.xlsx", new XSSFWorkbook());

    Imports read = Imports.read(file, "list.xlsx");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.XLSX, "", "Contacts", 3));
    assertExpectedContacts(read);
  }

  @Test
  void xlsxWithInlineStringsFromStreamingWriter() throws Exception {
    Path file;
    try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
      file = write("list.xlsx", workbook);
    }

    Imports read = Imports.read(file, "list.xlsx");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.XLSX, "", "Contacts", 3));
    assertExpectedContacts(read);
  }

  @Test
  void xlsWhoseFirstSheetIsBlankIsReadFromTheFirstSheetWithRowsAndSaysWhichOne() throws Exception {
    Path file = writeAfterBlankSheets("later.xls", new HSSFWorkbook());

    Imports read = Imports.read(file, "later.xls");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.XLS, "", "Contacts", 3));
    assertExpectedContacts(read);
  }

  @Test
  void xlsxWhoseFirstSheetIsBlankIsReadFromTheFirstSheetWithRowsAndSaysWhichOne() throws Exception {
    Path file = writeAfterBlankSheets("later.xlsx", new XSSFWorkbook());

    Imports read = Imports.read(file, "later.xlsx");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.XLSX, "", "Contacts", 3));
    assertExpectedContacts(read);
  }

  @Test
  void workbookWhoseFirstSheetWithRowsHoldsNoAddressIsRefusedNamingTheSheet() throws Exception {
    Path file = dir.resolve("notes.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet notes = workbook.createSheet("Notes");
      row(notes, 0, "Quarterly figures");
      row(notes, 1, "Kyiv", "1/2");
      row(workbook.createSheet("Contacts"), 0, "ivan@example.com");
      workbook.write(out);
    }

    assertThatThrownBy(() -> Imports.read(file, "notes.xlsx"))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage(
            "no row of sheet 'Notes' has an email address or a phone number, so this does not look"
                + " like a contact list (row 1: no email or phone)");
  }

  /**
   * An untouched first sheet, then one whose rows hold only blank cells (formatting without text),
   * then the contacts of {@link #write}.
   */
  private Path writeAfterBlankSheets(String name, Workbook workbook) throws Exception {
    workbook.createSheet("Sheet1");
    Sheet formatted = workbook.createSheet("Instructions");
    for (int r = 0; r < 3; r++) {
      formatted.createRow(r).createCell(0).setCellValue(" ");
    }
    return write(name, workbook);
  }

  @Test
  void formatIsDetectedFromContentNotFromTheName() throws Exception {
    Path file = write("list.csv", new XSSFWorkbook());

    assertThat(Imports.read(file, "list.csv").summary.format()).isEqualTo(FileFormat.XLSX);
  }

  @Test
  void sinkExceptionsEscapeTheSaxParserUnchanged() throws Exception {
    Path file = write("list.xlsx", new XSSFWorkbook());
    IllegalStateException boom = new IllegalStateException("stop");
    ContactFileReader reader = new ContactFileReader(Imports.options(ImportLimits.defaults()));

    assertThatThrownBy(
            () ->
                reader.read(
                    file,
                    "list.xlsx",
                    row -> {
                      throw boom;
                    }))
        .isSameAs(boom);
  }

  /**
   * Row 1 header, row 2 numeric phone, row 3 blank, row 4 text phone and invalid email, row 5 email
   * only with an extra column; a second sheet that must be ignored.
   */
  private Path write(String name, Workbook workbook) throws Exception {
    Sheet sheet = workbook.createSheet("Contacts");
    row(sheet, 0, "Ім'я", "Email", "Телефон", "Місто");
    Row numeric = row(sheet, 1, "Іван Петренко", "Ivan@Example.COM");
    numeric.createCell(2).setCellValue(380671234567d);
    numeric.createCell(3).setCellValue(42d);
    row(sheet, 3, "Olena", "olena@example", "+380 50 111 22 33");
    row(sheet, 4, "Petro", "petro@example.com", "", "Львів", "extra");
    row(workbook.createSheet("Other"), 0, "other@example.com");
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      workbook.write(out);
    }
    workbook.close();
    return file;
  }

  private static Row row(Sheet sheet, int index, String... cells) {
    Row row = sheet.createRow(index);
    for (int i = 0; i < cells.length; i++) {
      if (!cells[i].isEmpty()) {
        row.createCell(i).setCellValue(cells[i]);
      }
    }
    return row;
  }

  private static void assertExpectedContacts(Imports read) {
    assertThat(read.contacts())
        .extracting(
            ParsedContact::rowNumber,
            c -> c.email().map(EmailAddress::value).orElse(""),
            c -> c.phone().map(PhoneNumber::e164).orElse(""),
            ParsedContact::name,
            ParsedContact::attributes)
        .containsExactly(
            tuple(2L, "Ivan@example.com", "+380671234567", "Іван Петренко", Map.of("Місто", "42")),
            tuple(5L, "petro@example.com", "", "Petro", Map.of("Місто", "Львів", "col5", "extra")));
    assertThat(read.rejects())
        .containsExactly(new RejectedRow(4, "olena@example", "invalid email: domain has no dot"));
  }
}
