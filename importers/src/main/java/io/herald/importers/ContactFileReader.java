package io.herald.importers;

import io.herald.importers.internal.ContactFactory;
import io.herald.importers.internal.RowEmitter;
import io.herald.importers.internal.TextFileReader;
import io.herald.importers.internal.XlsFileReader;
import io.herald.importers.internal.XlsxFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one entry point for contact uploads (R2): it decides what a file is from its content and
 * streams every data row to a {@link RowSink}, so the engine has one call for four formats and
 * memory does not grow with the file.
 *
 * <p>Detection is by magic bytes first, the name's extension being only a hint: an OLE2 container
 * (D0 CF 11 E0) is XLS, unless it holds an {@code EncryptionInfo} stream, which is how Office
 * stores a password-protected XLSX (refused); a zip (PK) is XLSX when its entries say so, and other
 * zips (OpenDocument .ods, Excel binary .xlsb, Strict Open XML, Word, plain archives) are refused
 * naming what they are and what to save them as; anything else is text, which is CSV when the name
 * ends ".csv" or a header/delimiter is detected, TXT otherwise. A workbook is read from its first
 * sheet that has a non-blank row, and {@link ReadSummary#sheet()} names it.
 *
 * <p>Results arrive in file order; a row that cannot become a contact arrives as a {@link
 * RejectedRow}, never dropped. A {@link FileRefusedException} can come after rows were already
 * delivered (a limit is often found only while streaming), so the caller must stage rows and
 * discard them on refusal. Exceptions thrown by the sink propagate unchanged. Instances hold only
 * their options and are safe to share between threads.
 */
public final class ContactFileReader {

  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
  private static final byte[] ZIP = {'P', 'K'};

  private final ImportOptions options;

  /** A reader for one account's options. */
  public ContactFileReader(ImportOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Detects the format and streams every data row to {@code sink} in file order.
   *
   * @param file the uploaded bytes
   * @param originalFileName the name the user uploaded it as; a hint for CSV vs TXT
   * @return the detected format, charset and number of data rows
   * @throws FileRefusedException when the file as a whole cannot be imported
   * @throws IOException when the file cannot be read, or from the sink
   */
  public ReadSummary read(Path file, String originalFileName, RowSink sink)
      throws FileRefusedException, IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(originalFileName, "originalFileName");
    Objects.requireNonNull(sink, "sink");
    ImportLimits limits = options.limits();
    long size = Files.size(file);
    if (size > limits.maxFileBytes()) {
      throw new FileRefusedException(
          "file is larger than " + limits.maxFileBytes() + " bytes (" + size + " bytes)");
    }
    if (size == 0) {
      throw new FileRefusedException("file is empty");
    }
    ContactFactory contacts = new ContactFactory(options.defaultRegion(), limits.maxCellChars());
    RowEmitter emitter = new RowEmitter(sink, limits.maxRows());
    byte[] magic = magic(file);
    if (startsWith(magic, OLE2)) {
      return new XlsFileReader(contacts).read(file, emitter);
    }
    if (startsWith(magic, ZIP)) {
      return new XlsxFileReader(limits, contacts).read(file, emitter);
    }
    return new TextFileReader(limits, options.fallbackCharset(), contacts)
        .read(file, originalFileName, emitter);
  }

  private static byte[] magic(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(OLE2.length);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }
}
