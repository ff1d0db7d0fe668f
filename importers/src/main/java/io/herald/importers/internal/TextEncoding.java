package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The charset of a text upload and how many BOM bytes to skip, decided from its first bytes. Lists
 * reach us from Excel "Unicode text" (UTF-16LE, usually with BOM), "CSV UTF-8" (with BOM), Google
 * Sheets (UTF-8, no BOM) and old Excel exports in the Windows code page (windows-1251 for
 * Cyrillic), so the order is: a BOM decides; else a NUL on every other byte means BOM-less UTF-16;
 * else other NULs or mostly control bytes mean binary; else the whole file is UTF-8 if {@link
 * Utf8Evidence} says so (a streaming pass over all of it, not the sample: the first Cyrillic line
 * of a legacy export may come after many kilobytes of ASCII); else the fallback charset.
 *
 * @param charset the charset to decode with, strictly
 * @param bomBytes bytes to skip at the start of the file
 */
public record TextEncoding(Charset charset, int bomBytes) {

  /** Reads the whole file to tell UTF-8 from the fallback charset. */
  @FunctionalInterface
  public interface WholeFile {
    /** True when the file's bytes, all of them, read as UTF-8 ({@link Utf8Evidence}). */
    boolean isUtf8() throws IOException;
  }

  /** How many leading bytes the BOM, UTF-16 and binary checks look at. */
  public static final int SAMPLE_BYTES = 8192;

  private static final double UTF16_NUL_SHARE = 0.3;
  private static final double MAX_CONTROL_SHARE = 0.1;

  /**
   * Guesses the encoding of a sample of the file's first bytes.
   *
   * @param sample the first bytes (up to {@link #SAMPLE_BYTES})
   * @param length how many bytes of the sample are valid
   * @param wholeFile asked only when the sample has neither a BOM nor UTF-16's NULs
   */
  public static TextEncoding detect(
      byte[] sample, int length, Charset fallback, WholeFile wholeFile)
      throws FileRefusedException, IOException {
    TextEncoding encoding = guess(sample, length, fallback, wholeFile);
    if (encoding.charset() != fallback && mostlyControls(sample, length, encoding)) {
      // A byte pattern can look like UTF-16 (NULs in every other byte) while the characters it
      // decodes to are control codes: that is binary, not a contact list.
      throw new FileRefusedException("not a text file (binary content)");
    }
    return encoding;
  }

  private static boolean mostlyControls(byte[] sample, int length, TextEncoding encoding) {
    String text =
        new String(sample, encoding.bomBytes(), length - encoding.bomBytes(), encoding.charset());
    long controls =
        text.chars()
            .filter(
                c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            .count();
    return controls > text.length() * MAX_CONTROL_SHARE;
  }

  private static TextEncoding guess(
      byte[] sample, int length, Charset fallback, WholeFile wholeFile)
      throws FileRefusedException, IOException {
    if (startsWith(sample, length, 0xEF, 0xBB, 0xBF)) {
      return new TextEncoding(StandardCharsets.UTF_8, 3);
    }
    if (startsWith(sample, length, 0xFF, 0xFE)) {
      return new TextEncoding(StandardCharsets.UTF_16LE, 2);
    }
    if (startsWith(sample, length, 0xFE, 0xFF)) {
      return new TextEncoding(StandardCharsets.UTF_16BE, 2);
    }
    int evenNuls = 0;
    int oddNuls = 0;
    int controls = 0;
    for (int i = 0; i < length; i++) {
      int b = sample[i] & 0xFF;
      if (b == 0) {
        if (i % 2 == 0) {
          evenNuls++;
        } else {
          oddNuls++;
        }
      } else if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
        controls++;
      }
    }
    int pairs = Math.max(1, length / 2);
    if (oddNuls > pairs * UTF16_NUL_SHARE && evenNuls == 0) {
      return new TextEncoding(StandardCharsets.UTF_16LE, 0);
    }
    if (evenNuls > pairs * UTF16_NUL_SHARE && oddNuls == 0) {
      return new TextEncoding(StandardCharsets.UTF_16BE, 0);
    }
    if (evenNuls + oddNuls > 0 || controls > length * MAX_CONTROL_SHARE) {
      throw new FileRefusedException("not a text file (binary content)");
    }
    return new TextEncoding(wholeFile.isUtf8() ? StandardCharsets.UTF_8 : fallback, 0);
  }

  private static boolean startsWith(byte[] sample, int length, int... prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((sample[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
