package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import io.herald.importers.ImportLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Inflates every entry of an XLSX as a stream into a small scratch buffer before POI sees the file,
 * and refuses it when an entry expands more than {@code maxExpansionRatio} times its compressed
 * size or the entries together pass {@code maxUncompressedBytes}. The sizes declared in the zip
 * headers are attacker-controlled, so only inflated bytes are counted. An entry may expand freely
 * up to {@link #GRACE_BYTES} (as in POI's own ZipSecureFile), because small XML parts legitimately
 * compress very well. A zip without a readable central directory — a truncated upload — is refused
 * as corrupt here, before POI produces a less helpful error.
 */
final class ZipBombGuard {

  /** Inflated bytes below which an entry's ratio is not checked. */
  static final long GRACE_BYTES = 100 * 1024;

  private ZipBombGuard() {}

  static void check(Path file, ImportLimits limits) throws FileRefusedException {
    byte[] scratch = new byte[8192];
    long total = 0;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        long compressed = Math.max(1, entry.getCompressedSize());
        long expanded = 0;
        try (InputStream in = zip.getInputStream(entry)) {
          for (int n = in.read(scratch); n >= 0; n = in.read(scratch)) {
            expanded += n;
            total += n;
            if (total > limits.maxUncompressedBytes()) {
              throw new FileRefusedException(
                  "XLSX expands to more than " + limits.maxUncompressedBytes() + " bytes");
            }
            if (expanded > GRACE_BYTES && expanded > compressed * limits.maxExpansionRatio()) {
              throw new FileRefusedException(
                  "XLSX part "
                      + Texts.visible(entry.getName())
                      + " expands more than "
                      + limits.maxExpansionRatio()
                      + " times its compressed size (zip bomb?)");
            }
          }
        }
      }
    } catch (ZipException e) {
      throw new FileRefusedException("XLSX file is corrupt or truncated", e);
    } catch (IOException e) {
      throw new FileRefusedException("XLSX file is corrupt or truncated", e);
    }
  }
}
