package io.herald.importers;

/**
 * Limits that protect the server from hostile or accidental giant uploads; every violation is a
 * {@link FileRefusedException} whose message names the limit. They exist as one immutable value so
 * the operator configures them once and the reader never has to guess what "too big" means.
 *
 * @param maxFileBytes largest accepted file, checked before anything is read
 * @param maxRows largest number of data rows (header and blank rows not counted)
 * @param maxCellChars longest accepted cell; a longer cell rejects its row, not the file
 * @param maxLineChars longest physical line of a CSV or TXT file, enforced while reading so a giant
 *     single line is refused without being buffered
 * @param maxExpansionRatio largest uncompressed/compressed ratio of any XLSX zip entry
 * @param maxUncompressedBytes largest total uncompressed size of an XLSX
 */
public record ImportLimits(
    long maxFileBytes,
    long maxRows,
    int maxCellChars,
    int maxLineChars,
    int maxExpansionRatio,
    long maxUncompressedBytes) {

  private static final long MIB = 1024L * 1024L;

  /** Checks that every limit is positive, so a zero from a missing config key fails loudly. */
  public ImportLimits {
    requirePositive("maxFileBytes", maxFileBytes);
    requirePositive("maxRows", maxRows);
    requirePositive("maxCellChars", maxCellChars);
    requirePositive("maxLineChars", maxLineChars);
    requirePositive("maxExpansionRatio", maxExpansionRatio);
    requirePositive("maxUncompressedBytes", maxUncompressedBytes);
  }

  /**
   * 256 MiB files, 2,000,000 rows, 4096-character cells, 65,536-character lines, expansion ratio
   * 100 and 2 GiB uncompressed.
   */
  public static ImportLimits defaults() {
    return new ImportLimits(256 * MIB, 2_000_000, 4096, 65_536, 100, 2048 * MIB);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
