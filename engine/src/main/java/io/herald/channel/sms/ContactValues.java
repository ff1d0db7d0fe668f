package io.herald.channel.sms;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes a contact's values safe to put in an SMS. A value comes from a list file and must not
 * reshape the message: a CR or LF would start a new line that looks like Herald's own opt-out line,
 * a bidirectional override could make a link read as another. So every control character (Unicode
 * Cc), line and paragraph separator and run of white space becomes one space, invisible format
 * characters (Unicode Cf: bidi controls, zero-width spaces, soft hyphens) are removed — except the
 * zero-width joiner that emoji sequences need — and the value is trimmed.
 */
final class ContactValues {
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private ContactValues() {}

  static Map<String, String> clean(Map<String, String> values) {
    Map<String, String> clean = new HashMap<>(values.size() + 4);
    values.forEach((key, value) -> clean.put(key, clean(value)));
    return clean;
  }

  static String clean(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean space = false;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.FORMAT && c != ZERO_WIDTH_JOINER) {
        continue;
      }
      if (type == Character.CONTROL
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || Character.isWhitespace(c)
          || Character.isSpaceChar(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }
}
