package io.herald.importers.internal;

/**
 * Text hygiene shared by every reader. Contact text ends up in message headers, CSV exports and log
 * lines, where a stray CR or LF is a header-injection or log-forging hazard, so it is flattened at
 * the door rather than escaped at every exit.
 */
public final class Texts {

  /** Longest value kept in a reject, so a hostile cell cannot bloat the import report. */
  public static final int MAX_VISIBLE = 200;

  private Texts() {}

  /**
   * Collapses every run of whitespace that contains a control character (CR, LF, TAB, NUL, C1, DEL,
   * U+2028/2029) into one space, drops byte-order marks, and strips every kind of space at both
   * ends ({@link #stripSpaces}). Ordinary runs of spaces inside are kept as written.
   */
  public static String clean(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\uFEFF') {
        i++;
      } else if (isBreaking(c) || isSpace(c)) {
        int start = i;
        boolean control = false;
        while (i < raw.length() && (isBreaking(raw.charAt(i)) || isSpace(raw.charAt(i)))) {
          control |= isBreaking(raw.charAt(i));
          i++;
        }
        if (control) {
          out.append(' ');
        } else {
          out.append(raw, start, i);
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return stripSpaces(out.toString());
  }

  /**
   * Strips whitespace and the spaces {@link String#strip} misses from both ends: a value copied
   * from a web page ends in a no-break space (U+00A0), a figure space (U+2007), a narrow no-break
   * space (U+202F), a zero-width space (U+200B) or a zero-width no-break space (U+FEFF) as often as
   * in a plain one.
   */
  public static String stripSpaces(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && isSpace(raw.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(raw.charAt(end - 1))) {
      end--;
    }
    return raw.substring(start, end);
  }

  /** Any whitespace or space separator, the zero-width spaces included. */
  public static boolean isSpace(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\u200B'
        || c == '\uFEFF'
        || c == '\u2060';
  }

  /**
   * Makes control characters visible ({@code \n}, {@code \r}, {@code \t}, {@code \u0000}) and
   * truncates to {@link #MAX_VISIBLE} characters, ending with "…" when cut.
   */
  public static String visible(String raw) {
    StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_VISIBLE) + 8);
    for (int i = 0; i < raw.length() && out.length() < MAX_VISIBLE; i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (isBreaking(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (out.length() >= MAX_VISIBLE) {
      out.setLength(MAX_VISIBLE - 1);
      out.append('…');
    }
    return out.toString();
  }

  /** True when the text has nothing but whitespace, control characters and byte-order marks. */
  public static boolean isBlank(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!isSpace(c) && !isBreaking(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBreaking(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
