package io.herald.feedback;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a bounce's human-readable text that explains the failure: everything before the copy
 * of the returned message that plain-text bounces append (qmail's "--- Below this line is a copy of
 * the message.", Exim's "------ This is a copy of the message...", Exchange's "Original message
 * headers:", OpenSMTPD's "Below is a copy of the original message:", or simply the copy's first
 * header line), so that the original's own words and codes are not taken for the remote server's.
 * At most {@link #MAX} characters.
 */
final class Explanation {
  static final int MAX = 16 * 1024;
  private static final Pattern COPY_STARTS =
      Pattern.compile(
          "^(?:[-=_ *]{2,}+.*(?:copy of|original message|reported message|returned message"
              + "|undelivered message|message follows|below this line).*"
              + "|.*below is a copy of the original message.*|original message headers:?\\s*"
              + "|\\[ ?offending message ?].*"
              + "|(?:return-path|received|dkim-signature|message-id|x-original-to):.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private Explanation() {}

  static String of(String humanText) {
    String bounded = bounded(humanText);
    Matcher copy = COPY_STARTS.matcher(bounded);
    return copy.find() ? bounded.substring(0, copy.start()) : bounded;
  }

  /**
   * The header of the copy of the returned message that follows the explanation, if the text has
   * one (a separator line is skipped).
   */
  static Fields copiedHeader(String humanText) {
    String bounded = bounded(humanText);
    Matcher copy = COPY_STARTS.matcher(bounded);
    if (!copy.find()) {
      return Fields.header("");
    }
    int from = copy.group().contains(":") ? copy.start() : copy.end();
    return Fields.header(bounded.substring(from).stripLeading());
  }

  private static String bounded(String text) {
    return text.length() > MAX ? text.substring(0, MAX) : text;
  }
}
