package io.herald.feedback;

import io.herald.feedback.FeedbackReport.Bounce;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounce that is not an RFC 3464 DSN: plain text from an old or home-made MTA (qmail's "Sorry, no
 * mailbox here by that name. (#5.1.1)", Exim's "550 5.1.1 ... User unknown"). It counts only when
 * it came with a signed reference and its text carries a permanent (5.x.x) enhanced status code;
 * the code's line is the diagnostic, and the last address up to the end of that line that is not
 * one of ours is the failed recipient (empty when there is none). A text with only 4.x.x codes, or
 * with bare three-digit SMTP codes, is not read as a bounce: without a DSN's structure those are
 * too easily found in an auto-reply or a quoted message.
 */
final class PlainTextBounce {
  private static final int LOOK_BACK = 4000;
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+!#$&'*/=?^`{|}~-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
  private static final Pattern OURS =
      Pattern.compile("(?i)(bounces|unsub)\\+|mailer-daemon@|postmaster@");

  private PlainTextBounce() {}

  static Optional<FeedbackReport> read(String text, MessageRef ref) {
    return StatusCode.find(text, 5)
        .map(
            found -> {
              int start = lineStart(text, found.position());
              int end = lineEnd(text, found.position());
              String diagnostic = Clean.line(text.substring(start, end), Limits.DIAGNOSTIC);
              return new Bounce(
                  ref,
                  BounceClassifier.classify(found.code(), diagnostic),
                  found.code().toString(),
                  diagnostic,
                  recipientUpTo(text, end));
            });
  }

  private static int lineStart(String text, int position) {
    return Math.max(text.lastIndexOf('\n', position) + 1, text.lastIndexOf('\r', position) + 1);
  }

  private static int lineEnd(String text, int position) {
    int end = position;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  private static String recipientUpTo(String text, int end) {
    Matcher m = ADDRESS.matcher(text);
    m.region(Math.max(0, end - LOOK_BACK), end);
    String last = "";
    while (m.find()) {
      if (!OURS.matcher(m.group()).lookingAt()) {
        last = m.group();
      }
    }
    return Clean.line(last, Limits.ADDRESS);
  }
}
