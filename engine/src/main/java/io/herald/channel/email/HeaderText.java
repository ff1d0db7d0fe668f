package io.herald.channel.email;

/**
 * Makes a value safe for a header. Contact fields reach the To display name and the subject, and a
 * CR or LF there would let a list file add headers ({@code Bcc:}) to a message; so every control
 * character and Unicode line or paragraph separator becomes a space, and runs of white space
 * collapse to one.
 */
final class HeaderText {
  private HeaderText() {}

  static String clean(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean space = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean blank = Character.isWhitespace(c) || Character.isISOControl(c) || breaks(c);
      if (blank) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean breaks(char c) {
    return c == '\u2028' || c == '\u2029' || c == '\u0085';
  }
}
