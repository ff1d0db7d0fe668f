package io.herald.importers.internal;

import io.herald.importers.FileFormat;
import io.herald.importers.FileRefusedException;
import io.herald.importers.ImportLimits;
import io.herald.importers.ReadSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV and TXT uploads: decides the charset ({@link TextEncoding}, which may stream the whole
 * file once to tell UTF-8 from the legacy code page), samples the first lines to choose CSV or TXT
 * ({@link TextLayout}), then streams the file again through a {@link BoundedTextReader}, so memory
 * stays flat whatever the file's size. CSV row numbers are records as a spreadsheet shows them (a
 * quoted cell spanning lines is one row); TXT row numbers are lines as an editor shows them.
 */
public final class TextFileReader {

  /**
   * How many characters one CSV row may span across quoted line breaks; bounds the memory Commons
   * CSV uses for a row whose quote never closes.
   */
  private static final int ROW_LINES_FACTOR = 4;

  private final ImportLimits limits;
  private final Charset fallback;
  private final ContactFactory contacts;

  /** Configured once per import. */
  public TextFileReader(ImportLimits limits, Charset fallback, ContactFactory contacts) {
    this.limits = limits;
    this.fallback = fallback;
    this.contacts = contacts;
  }

  /** Reads the whole file into the emitter. */
  public ReadSummary read(Path file, String fileName, RowEmitter emitter)
      throws FileRefusedException, IOException {
    TextEncoding encoding = detectEncoding(file);
    TextLayout layout = TextLayout.decide(fileName, sampleLines(file, encoding));
    if (layout.csv()) {
      readCsv(file, encoding, layout.delimiter(), emitter);
    } else {
      readTxt(file, encoding, emitter);
    }
    emitter.requireContent();
    return new ReadSummary(
        layout.csv() ? FileFormat.CSV : FileFormat.TXT,
        encoding.charset().name(),
        "",
        emitter.rows());
  }

  private TextEncoding detectEncoding(Path file) throws IOException, FileRefusedException {
    byte[] sample = new byte[TextEncoding.SAMPLE_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      int length = in.readNBytes(sample, 0, sample.length);
      return TextEncoding.detect(sample, length, fallback, () -> isUtf8(file));
    }
  }

  private static boolean isUtf8(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Utf8Evidence.isUtf8(in);
    }
  }

  private List<String> sampleLines(Path file, TextEncoding encoding)
      throws IOException, FileRefusedException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(open(file, encoding, Long.MAX_VALUE))) {
      for (String line; lines.size() < TextLayout.SAMPLE_LINES; ) {
        line = readLine(reader);
        if (line == null) {
          break;
        }
        lines.add(line);
      }
    }
    return lines;
  }

  private void readTxt(Path file, TextEncoding encoding, RowEmitter emitter)
      throws IOException, FileRefusedException {
    TxtLineInterpreter interpreter = new TxtLineInterpreter(contacts, emitter);
    try (BufferedReader reader = new BufferedReader(open(file, encoding, Long.MAX_VALUE))) {
      long lineNumber = 0;
      for (String line = readLine(reader); line != null; line = readLine(reader)) {
        interpreter.line(++lineNumber, line);
      }
    }
  }

  private void readCsv(Path file, TextEncoding encoding, char delimiter, RowEmitter emitter)
      throws IOException, FileRefusedException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(false)
            .setTrim(false)
            .get();
    TableRowInterpreter interpreter = new TableRowInterpreter(contacts, emitter);
    long maxRowChars = (long) limits.maxLineChars() * ROW_LINES_FACTOR;
    try (BoundedTextReader reader = open(file, encoding, maxRowChars);
        CSVParser parser = CSVParser.parse(reader, format)) {
      Iterator<CSVRecord> records = parser.iterator();
      for (CSVRecord record = next(records); record != null; record = next(records)) {
        reader.rowEnded();
        interpreter.row(record.getRecordNumber(), record.toList());
      }
    }
  }

  private BoundedTextReader open(Path file, TextEncoding encoding, long maxRowChars)
      throws IOException {
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(encoding.bomBytes());
    return new BoundedTextReader(in, encoding.charset(), limits.maxLineChars(), maxRowChars);
  }

  private static String readLine(BufferedReader reader) throws IOException, FileRefusedException {
    try {
      return reader.readLine();
    } catch (TextRefusal e) {
      throw new FileRefusedException(e.getMessage(), e);
    }
  }

  /** The next record, or null at the end; parse problems become refusals. */
  private static CSVRecord next(Iterator<CSVRecord> records)
      throws IOException, FileRefusedException {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof TextRefusal refusal) {
        throw new FileRefusedException(refusal.getMessage(), refusal);
      }
      if (e.getCause() instanceof CSVException malformed) {
        throw new FileRefusedException("CSV is malformed: " + malformed.getMessage(), malformed);
      }
      throw e.getCause();
    }
  }
}
