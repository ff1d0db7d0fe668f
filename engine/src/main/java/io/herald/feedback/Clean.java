package io.herald.feedback;

import java.util.regex.Pattern;

/**
 * Makes text from a foreign mail safe to store and show: one line, no control or formatting
 * characters (CR and LF would let a diagnostic forge log lines or headers; bidirectional overrides
 * would let it disguise itself in a page), runs of white space collapsed, and a bounded length.
 */
final class Clean {
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9-]{1,32}");

  private Clean() {}

  /** The value as one line of at most {@code max} characters. */
  static String line(String value, int max) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), max));
    boolean space = false;
    for (int i = 0; i < value.length() && out.length() < max; i++) {
      char c = value.charAt(i);
      if (Character.getType(c) == Character.FORMAT) {
        continue;
      }
      if (Character.isWhitespace(c) || Character.isISOControl(c) || breaks(c)) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    if (out.length() > max) {
      out.setLength(max);
    }
    int last = out.length() - 1;
    if (last >= 0 && Character.isHighSurrogate(out.charAt(last))) {
      out.setLength(last);
    }
    return out.toString();
  }

  /**
   * The value of a typed DSN field ({@code rfc822; ann@example.com}, {@code smtp; 550 5.1.1 ...})
   * without its type, as one clean line.
   */
  static String typedValue(String value, int max) {
    int semicolon = value.indexOf(';');
    if (semicolon > 0 && TYPE.matcher(value.substring(0, semicolon).strip()).matches()) {
      return line(value.substring(semicolon + 1), max);
    }
    return line(value, max);
  }

  private static boolean breaks(char c) {
    return c == '\u2028' || c == '\u2029' || c == '\u0085';
  }
}
