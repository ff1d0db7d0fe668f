package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import io.herald.importers.ImportLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.poi.openxml4j.util.ZipEntrySource;

/**
 * The zip of an XLSX as POI reads it, with every entry stream counted: a file is refused once an
 * entry has inflated more than {@code maxExpansionRatio} times the compressed bytes the inflater
 * actually consumed, or all entries together have inflated more than {@code maxUncompressedBytes}.
 * The sizes written in the zip headers are attacker-controlled (a central directory can claim that
 * an entry's compressed data runs over the next entries, hiding its ratio), so neither limit reads
 * them; and because the count is taken on the streams the parser itself reads, no second pass and
 * no second zip parser can disagree with it. An entry may expand freely up to {@link #GRACE_BYTES}
 * (as in POI's own ZipSecureFile), because small XML parts legitimately compress very well.
 *
 * <p>POI may wrap or swallow the exception an entry stream throws, so the reader asks {@link
 * #refusal()} after any failure. A zip without a readable central directory — a truncated upload —
 * is refused as corrupt when it is opened.
 */
final class ZipBombGuard implements ZipEntrySource {

  /** Inflated bytes below which an entry's ratio is not checked. */
  static final long GRACE_BYTES = 100 * 1024;

  private final ZipFile zip;
  private final ImportLimits limits;
  private long total;
  private FileRefusedException refusal;
  private boolean closed;

  private ZipBombGuard(ZipFile zip, ImportLimits limits) {
    this.zip = zip;
    this.limits = limits;
  }

  /** Opens the zip's central directory, refusing a file that has none. */
  static ZipBombGuard open(Path file, ImportLimits limits) throws FileRefusedException {
    try {
      return new ZipBombGuard(ZipFile.builder().setFile(file.toFile()).get(), limits);
    } catch (IOException e) {
      throw new FileRefusedException("XLSX file is corrupt or truncated", e);
    }
  }

  /** The limit an entry stream hit, if any; it takes precedence over whatever POI made of it. */
  Optional<FileRefusedException> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * Up to {@code max} bytes of an entry (counted like any other read), or empty when the zip has no
   * such entry; used to recognise the kind of package before POI is asked to read it.
   */
  Optional<byte[]> head(String name, int max) throws IOException {
    ZipArchiveEntry entry = zip.getEntry(name);
    if (entry == null) {
      return Optional.empty();
    }
    try (InputStream in = getInputStream(entry)) {
      return Optional.of(in.readNBytes(max));
    }
  }

  @Override
  public Enumeration<? extends ZipArchiveEntry> getEntries() {
    return zip.getEntries();
  }

  @Override
  public ZipArchiveEntry getEntry(String path) {
    return zip.getEntry(path);
  }

  @Override
  public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
    return new Counted(entry.getName(), zip.getInputStream(entry));
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      zip.close();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  private IOException refuse(String message) {
    if (refusal == null) {
      refusal = new FileRefusedException(message);
    }
    return new IOException(refusal.getMessage());
  }

  /** Counts what one entry inflates, against the compressed bytes actually consumed for it. */
  private final class Counted extends FilterInputStream {

    private final String name;
    private long inflated;

    Counted(String name, InputStream in) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) throws IOException {
      if (refusal != null) {
        throw refuse(refusal.getMessage());
      }
      inflated += n;
      total += n;
      if (total > limits.maxUncompressedBytes()) {
        throw refuse("XLSX expands to more than " + limits.maxUncompressedBytes() + " bytes");
      }
      // Stored entries and unknown methods have no inflater statistics: they do not expand, and
      // the total limit above still bounds them.
      if (inflated > GRACE_BYTES && in instanceof InputStreamStatistics statistics) {
        long compressed = Math.max(1, statistics.getCompressedCount());
        if (inflated > compressed * limits.maxExpansionRatio()) {
          throw refuse(
              "XLSX part "
                  + Texts.visible(name)
                  + " expands more than "
                  + limits.maxExpansionRatio()
                  + " times its compressed size (zip bomb?)");
        }
      }
    }
  }
}
