package io.herald.bench;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The bench's input: a contact list as a marketer would upload it — name, email, mobile phone and a
 * city — with a fixed seed so every run imports the same rows. The XLSX is written by POI's
 * streaming SXSSF with a shared-strings table, as Excel itself writes files.
 */
final class ContactFiles {
  private static final List<String> FIRST =
      List.of("Olena", "Andrii", "Maria", "Taras", "Iryna", "Bohdan", "Natalia", "Dmytro");
  private static final List<String> LAST =
      List.of("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk");
  private static final List<String> CITIES = List.of("Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro");
  private static final List<String> DOMAINS =
      List.of("example.com", "mail.example.org", "post.example.net", "inbox.example.ua");

  private ContactFiles() {}

  static Path csv(long rows, Path dir) {
    return dir.resolve("contacts-" + rows + ".csv");
  }

  static Path xlsx(long rows, Path dir) {
    return dir.resolve("contacts-" + rows + ".xlsx");
  }

  static void generate(long rows, Path dir) throws Exception {
    Files.createDirectories(dir);
    if (!Files.exists(csv(rows, dir))) {
      writeCsv(rows, csv(rows, dir));
    }
    if (!Files.exists(xlsx(rows, dir))) {
      writeXlsx(rows, xlsx(rows, dir));
    }
  }

  private static String[] row(long i, SplittableRandom random) {
    String first = FIRST.get(random.nextInt(FIRST.size()));
    String last = LAST.get(random.nextInt(LAST.size()));
    String email =
        first.toLowerCase()
            + "."
            + last.toLowerCase()
            + i
            + "@"
            + DOMAINS.get(random.nextInt(DOMAINS.size()));
    int subscriber = random.nextInt(10_000_000);
    // As lists arrive: mostly international, a quarter in the national format ("067…").
    String phone =
        switch (random.nextInt(4)) {
          case 0 -> String.format("067%07d", subscriber);
          case 1 ->
              String.format(
                  "+380 67 %03d %02d %02d",
                  subscriber / 10_000, subscriber / 100 % 100, subscriber % 100);
          default -> String.format("+38067%07d", subscriber);
        };
    return new String[] {
      first + " " + last, email, phone, CITIES.get(random.nextInt(CITIES.size()))
    };
  }

  private static void writeCsv(long rows, Path file) throws Exception {
    SplittableRandom random = new SplittableRandom(2026);
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
      out.write("name,email,phone,city\n");
      for (long i = 0; i < rows; i++) {
        out.write(String.join(",", row(i, random)));
        out.write('\n');
      }
    }
    Files.move(part, file);
  }

  private static void writeXlsx(long rows, Path file) throws Exception {
    SplittableRandom random = new SplittableRandom(2026);
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 200, true, true);
        OutputStream out = Files.newOutputStream(part)) {
      Sheet sheet = workbook.createSheet("contacts");
      String[] header = {"name", "email", "phone", "city"};
      write(sheet.createRow(0), header);
      for (long i = 0; i < rows; i++) {
        write(sheet.createRow((int) i + 1), row(i, random));
      }
      workbook.write(out);
      workbook.dispose();
    }
    Files.move(part, file);
  }

  private static void write(Row row, String[] cells) {
    for (int c = 0; c < cells.length; c++) {
      row.createCell(c).setCellValue(cells[c]);
    }
  }
}
