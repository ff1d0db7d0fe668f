package io.herald.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefusalTest {

  private static final ImportLimits DEFAULTS = ImportLimits.defaults();

  @TempDir Path dir;

  @Test
  void emptyFileIsRefused() throws Exception {
    assertRefused(Files.write(dir.resolve("empty.csv"), new byte[0]), "file is empty");
  }

  @Test
  void whitespaceOnlyFileIsRefusedAsEmpty() throws Exception {
    assertRefused(Files.writeString(dir.resolve("blank.txt"), " \r\n\t\n  \n"), "file is empty");
  }

  @Test
  void binaryWhoseNulBytesLookLikeUtf16IsStillRefused() throws Exception {
    byte[] junk = new byte[4096];
    for (int i = 0; i < junk.length; i += 2) {
      junk[i + 1] = (byte) (i % 7); // every even byte NUL, the others control codes
    }
    assertRefused(
        Files.write(dir.resolve("utf16ish.txt"), junk), "not a text file (binary content)");
  }

  @Test
  void binaryJunkNamedTxtIsRefused() throws Exception {
    byte[] junk = new byte[20_000];
    new Random(42).nextBytes(junk);
    junk[0] = 'x';
    assertRefused(
        Files.write(dir.resolve("contacts.txt"), junk), "not a text file (binary content)");
  }

  @Test
  void tenMegabyteSingleLineIsRefusedWhileStreaming() throws Exception {
    Path file = dir.resolve("line.txt");
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < 160; i++) {
        out.write(chunk);
      }
    }
    assertRefused(file, "line 1 is longer than 65536 characters");
  }

  @Test
  void moreRowsThanTheLimitAreRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("list.txt"), "a@x.ua\nb@x.ua\n\nc@x.ua\nd@x.ua\n");
    ImportLimits limits = new ImportLimits(1 << 20, 3, 4096, 65_536, 100, 1 << 30);
    assertThatThrownBy(() -> Imports.read(file, "list.txt", limits))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage("file has more than 3 rows");
  }

  @Test
  void fileLargerThanTheLimitIsRefusedBeforeReading() throws Exception {
    Path file = Files.writeString(dir.resolve("list.txt"), "a@x.ua\n".repeat(100));
    ImportLimits limits = new ImportLimits(100, 10, 4096, 65_536, 100, 1 << 30);
    assertThatThrownBy(() -> Imports.read(file, "list.txt", limits))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage("file is larger than 100 bytes (700 bytes)");
  }

  @Test
  void overlongCellRejectsTheRowNotTheFile() throws Exception {
    Path file =
        Files.writeString(dir.resolve("list.csv"), "email,note\na@x.ua," + "n".repeat(50) + "\n");
    ImportLimits limits = new ImportLimits(1 << 20, 10, 20, 65_536, 100, 1 << 30);

    Imports read = Imports.read(file, "list.csv", limits);

    assertThat(read.rejects())
        .singleElement()
        .satisfies(
            reject -> {
              assertThat(reject.rowNumber()).isEqualTo(2);
              assertThat(reject.reason()).isEqualTo("cell 'note' is longer than 20 characters");
            });
  }

  @Test
  void unclosedQuoteSpanningManyLinesIsRefused() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("list.csv"),
            "email,name\na@x.ua,\"never closed\n" + "short line\n".repeat(200));
    ImportLimits limits = new ImportLimits(1 << 20, 10, 4096, 100, 100, 1 << 30);
    assertThatThrownBy(() -> Imports.read(file, "list.csv", limits))
        .isInstanceOf(FileRefusedException.class)
        .hasMessageStartingWith("row near line")
        .hasMessageEndingWith("is longer than 400 characters");
  }

  @Test
  void truncatedXlsxIsRefusedAsCorrupt() throws Exception {
    Path whole = dir.resolve("whole.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(whole)) {
      workbook.createSheet().createRow(0).createCell(0).setCellValue("ivan@example.com");
      workbook.write(out);
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path half = Files.write(dir.resolve("half.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));

    assertRefused(half, "XLSX file is corrupt or truncated");
  }

  @Test
  void xlsxZipBombIsRefusedByTheExpansionRatio() throws Exception {
    Path file = bombWorkbook("bomb.xlsx", 0);

    assertRefused(
        file,
        "XLSX part xl/worksheets/sheet1.xml expands more than 100 times its compressed size"
            + " (zip bomb?)");
  }

  @Test
  void xlsxZipBombWhoseHeadersUnderstateItsExpansionIsRefusedByTheInflatedBytes() throws Exception {
    // The central directory claims the sheet's compressed data runs over the next entry's bytes
    // too, so 50 MiB inflated from about 50 KiB look like a ratio of under 100.
    Path file = bombWorkbook("lying.xlsx", 700 * 1024);

    assertRefused(
        file,
        "XLSX part xl/worksheets/sheet1.xml expands more than 100 times its compressed size"
            + " (zip bomb?)");
  }

  /**
   * A real workbook whose sheet ends in 50 MiB of spaces (well-formed XML that deflates about a
   * thousand times); with {@code lie} > 0, followed by that many random bytes in another part that
   * the central directory counts as the sheet's compressed data.
   */
  private Path bombWorkbook(String name, int lie) throws Exception {
    ByteArrayOutputStream real = new ByteArrayOutputStream();
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      workbook.createSheet().createRow(0).createCell(0).setCellValue("ivan@example.com");
      workbook.write(real);
    }
    Path file = dir.resolve(name);
    try (ZipInputStream source = new ZipInputStream(new ByteArrayInputStream(real.toByteArray()));
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (ZipEntry entry = source.getNextEntry(); entry != null; entry = source.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(source.readAllBytes());
        if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
          byte[] chunk = new byte[1 << 20];
          Arrays.fill(chunk, (byte) ' ');
          for (int i = 0; i < 50; i++) {
            zip.write(chunk);
          }
          if (lie > 0) {
            byte[] filler = new byte[lie];
            new Random(7).nextBytes(filler);
            zip.putNextEntry(new ZipEntry("xl/media/filler.xml"));
            zip.write(filler);
          }
        }
        zip.closeEntry();
      }
    }
    if (lie > 0) {
      byte[] bytes = Files.readAllBytes(file);
      patchCentralCompressedSize(bytes, "xl/worksheets/sheet1.xml", lie);
      Files.write(file, bytes);
    }
    return file;
  }

  /** Adds {@code extra} to the compressed size the central directory records for one entry. */
  private static void patchCentralCompressedSize(byte[] zip, String name, int extra) {
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = zip.length - 46; i >= 0; i--) {
      if (buffer.getInt(i) != 0x02014b50) {
        continue;
      }
      int nameLength = Short.toUnsignedInt(buffer.getShort(i + 28));
      if (Arrays.equals(zip, i + 46, i + 46 + nameLength, wanted, 0, wanted.length)) {
        buffer.putInt(i + 20, buffer.getInt(i + 20) + extra);
        return;
      }
    }
    throw new IllegalStateException("no central directory entry " + name);
  }

  @Test
  void xlsxOverTheUncompressedLimitIsRefused() throws Exception {
    Path file = dir.resolve("big.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      workbook.createSheet().createRow(0).createCell(0).setCellValue("ivan@example.com");
      workbook.write(out);
    }
    ImportLimits limits = new ImportLimits(1 << 20, 10, 4096, 65_536, 100, 1000);
    assertThatThrownBy(() -> Imports.read(file, "big.xlsx", limits))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage("XLSX expands to more than 1000 bytes");
  }

  @Test
  void passwordProtectedXlsIsRefused() throws Exception {
    Path file = dir.resolve("secret.xls");
    Biff8EncryptionKey.setCurrentUserPassword("secret");
    try (HSSFWorkbook workbook = new HSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      workbook.createSheet().createRow(0).createCell(0).setCellValue("ivan@example.com");
      workbook.write(out);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
    assertRefused(file, "XLS is password-protected");
  }

  @Test
  void encryptedXlsxIsRefusedAsPasswordProtected() throws Exception {
    Path file = dir.resolve("secret.xlsx");
    try (POIFSFileSystem fs = new POIFSFileSystem();
        XSSFWorkbook workbook = new XSSFWorkbook()) {
      workbook.createSheet().createRow(0).createCell(0).setCellValue("ivan@example.com");
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("secret");
      try (OutputStream encrypted = encryptor.getDataStream(fs)) {
        workbook.write(encrypted);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        fs.writeFilesystem(out);
      }
    }
    assertRefused(file, "XLSX is password-protected");
  }

  @Test
  void corruptXlsIsRefused() throws Exception {
    Path whole = dir.resolve("whole.xls");
    try (HSSFWorkbook workbook = new HSSFWorkbook();
        OutputStream out = Files.newOutputStream(whole)) {
      workbook.createSheet().createRow(0).createCell(0).setCellValue("ivan@example.com");
      workbook.write(out);
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path half = Files.write(dir.resolve("half.xls"), Arrays.copyOf(bytes, bytes.length / 2));

    assertRefused(half, "XLS file is corrupt or truncated");
  }

  private static void assertRefused(Path file, String message) {
    assertThatThrownBy(() -> Imports.read(file, file.getFileName().toString(), DEFAULTS))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage(message);
  }
}
