package io.herald.importers.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a text upload is a CSV and with which delimiter, decided from its first lines. The name
 * is a hint, not the truth: ".csv" is always CSV; ".txt" is CSV only when its first line is a
 * recognised header (so "a@x.ua, b@y.ua" stays a TXT list of two addresses); any other name is CSV
 * when it has a header or a delimiter that occurs equally often on most sampled lines.
 *
 * @param csv true for CSV, false for TXT
 * @param delimiter the CSV delimiter (',' when none could be detected)
 */
public record TextLayout(boolean csv, char delimiter) {

  /** Lines looked at; enough to see a consistent delimiter, few enough to stay cheap. */
  public static final int SAMPLE_LINES = 20;

  private static final char[] CANDIDATES = {';', ',', '\t', '|'};
  private static final double CONSISTENT_SHARE = 0.8;

  /** Decides the layout from the original file name and the first non-blank lines. */
  public static TextLayout decide(String fileName, List<String> lines) {
    List<String> sample = lines.stream().filter(line -> !Texts.isBlank(line)).toList();
    Optional<Character> consistent = consistentDelimiter(sample);
    char delimiter = consistent.orElseGet(() -> busiestDelimiter(sample));
    boolean header =
        !sample.isEmpty()
            && HeaderLayout.detect(splitSimple(sample.getFirst(), delimiter)).isPresent();
    String name = fileName.toLowerCase(Locale.ROOT).strip();
    if (name.endsWith(".csv")) {
      return new TextLayout(true, delimiter);
    }
    if (name.endsWith(".txt")) {
      return new TextLayout(header, delimiter);
    }
    return new TextLayout(header || (consistent.isPresent() && sample.size() > 1), delimiter);
  }

  private static Optional<Character> consistentDelimiter(List<String> sample) {
    if (sample.isEmpty()) {
      return Optional.empty();
    }
    Character best = null;
    int bestCount = 0;
    for (char candidate : CANDIDATES) {
      int first = countOutsideQuotes(sample.getFirst(), candidate);
      if (first == 0 || first <= bestCount) {
        continue;
      }
      long same = sample.stream().filter(l -> countOutsideQuotes(l, candidate) == first).count();
      if (same >= Math.ceil(sample.size() * CONSISTENT_SHARE)) {
        best = candidate;
        bestCount = first;
      }
    }
    return Optional.ofNullable(best);
  }

  private static char busiestDelimiter(List<String> sample) {
    char best = ',';
    int bestCount = 0;
    for (char candidate : CANDIDATES) {
      int count = sample.isEmpty() ? 0 : countOutsideQuotes(sample.getFirst(), candidate);
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }

  private static int countOutsideQuotes(String line, char delimiter) {
    int count = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == delimiter && !quoted) {
        count++;
      }
    }
    return count;
  }

  private static List<String> splitSimple(String line, char delimiter) {
    return Arrays.stream(line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1))
        .map(cell -> cell.strip().replace("\"", ""))
        .toList();
  }
}
