package io.herald.importers.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Whether a whole text file reads as UTF-8, decided in one streaming pass over all its bytes with a
 * fixed buffer, so the answer does not depend on where the first non-ASCII byte falls: an Excel
 * export in windows-1251 can be ASCII for its first hundreds of lines, and a sample of its start
 * would call it UTF-8 and then refuse it at the first Cyrillic name. The pass counts well-formed
 * multi-byte UTF-8 sequences and malformed ones: a file with none malformed is UTF-8; a file whose
 * malformed sequences are rare next to the well-formed ones is UTF-8 with a few bad bytes (read as
 * UTF-8 and refused naming the line, rather than turned into mojibake); anything else is in the
 * legacy code page, where Cyrillic text forms a malformed sequence almost every word and a
 * well-formed one only by accident ("Пі" is C3 B3 in windows-1251).
 */
final class Utf8Evidence {

  /** Well-formed sequences needed per malformed one to call a damaged file UTF-8. */
  private static final int DAMAGE_RATIO = 10;

  private long wellFormed;
  private long malformed;
  private int pending;

  private Utf8Evidence() {}

  /** Reads {@code in} to its end (it does not close it). */
  static boolean isUtf8(InputStream in) throws IOException {
    Utf8Evidence evidence = new Utf8Evidence();
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        evidence.accept(buffer[i] & 0xFF);
      }
    }
    if (evidence.pending > 0) {
      evidence.malformed++; // cut off by the end of the file
    }
    return evidence.malformed == 0 || evidence.wellFormed >= evidence.malformed * DAMAGE_RATIO;
  }

  private void accept(int b) {
    if (pending > 0) {
      if ((b & 0xC0) == 0x80) {
        if (--pending == 0) {
          wellFormed++;
        }
        return;
      }
      malformed++;
      pending = 0; // this byte starts something new
    }
    if (b < 0x80) {
      return;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      pending = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      pending = 2;
    } else if (b >= 0xF0 && b <= 0xF4) {
      pending = 3;
    } else {
      malformed++;
    }
  }
}
