package io.herald.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes written the way people write it: {@code 256MiB}, {@code 10MB}, {@code 1.5GiB}
 * or plain {@code 1048576}. Limits in configuration are sizes, and a raw byte count such as
 * 268435456 is easy to get wrong by a factor of ten; parsing once into this value keeps the unit
 * arithmetic in one tested place. Binary units (KiB, MiB, GiB, TiB) are powers of 1024 and decimal
 * units (KB, MB, GB, TB) powers of 1000, as in IEC 80000-13; units are case-insensitive. Negative
 * sizes, fractions of a byte and values beyond {@code Long.MAX_VALUE} are rejected.
 *
 * @param bytes the size in bytes, never negative
 */
public record DataSize(long bytes) {

  private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");

  private static final Map<String, Long> UNITS =
      Map.of(
          "", 1L,
          "b", 1L,
          "kb", 1_000L,
          "mb", 1_000_000L,
          "gb", 1_000_000_000L,
          "tb", 1_000_000_000_000L,
          "kib", 1L << 10,
          "mib", 1L << 20,
          "gib", 1L << 30,
          "tib", 1L << 40);

  /** Units for {@link #toString()}, largest first, so a size prints in the shortest exact form. */
  private static final String[] PRINT_UNITS = {"TiB", "GiB", "MiB", "KiB"};

  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a data size cannot be negative: " + bytes);
    }
  }

  public static DataSize ofBytes(long bytes) {
    return new DataSize(bytes);
  }

  /**
   * Parses a size such as {@code 256MiB}, {@code 10MB}, {@code 1.5GiB}, {@code 512 KiB} or {@code
   * 1024}.
   *
   * @throws IllegalArgumentException if the text is not a non-negative whole number of bytes
   */
  public static DataSize parse(String text) {
    Matcher m = SYNTAX.matcher(text.strip());
    Long unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
    if (unit == null) {
      throw new IllegalArgumentException(
          "not a data size: \""
              + text
              + "\" (a number with an optional unit B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
    try {
      return new DataSize(bytes.toBigIntegerExact().longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "not a whole number of bytes up to " + Long.MAX_VALUE + ": \"" + text + "\"");
    }
  }

  /** The shortest exact form: {@code 256MiB}, {@code 2GiB}, or a plain byte count. */
  @Override
  public String toString() {
    for (int i = 0; i < PRINT_UNITS.length; i++) {
      long unit = 1L << (10 * (PRINT_UNITS.length - i));
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + PRINT_UNITS[i];
      }
    }
    return Long.toString(bytes);
  }
}
