package io.herald.feedback;

import io.herald.feedback.FeedbackReport.Bounce;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounce that is not an RFC 3464 DSN, or whose delivery-status part says nothing: plain text from
 * an MTA or provider (qmail's "Sorry, no mailbox here by that name. (#5.1.1)", Exim's "550 5.1.1
 * ... User unknown" or "Unrouteable address", Yahoo's "554: delivery error: dd This user doesn't
 * have a ... account"). {@link TextReport} has already decided it is a bounce; this reads it from
 * its explanation. The status is the first permanent enhanced code (else the first temporary one),
 * else the first quoted three-digit reply code as x.0.0, else 5.0.0; the kind comes from that and
 * the explanation's words ({@link BounceClassifier}). The diagnostic is the code's line, or the
 * first line with telling words. The failed recipient is {@code X-Failed-Recipients}, else the last
 * address up to the end of the code's line that is not one of ours, else the first such address of
 * the explanation, else the returned original's {@code To} (GroupWise names only the user; empty
 * when nothing names an address).
 */
final class PlainTextBounce {
  private static final int LOOK_BACK = 4000;
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+!#$&'*/=?^`{|}~-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
  private static final Pattern OURS =
      Pattern.compile("(?i)(bounces|unsub)\\+|mailer-daemon@|postmaster@");
  private static final Pattern LINE = Pattern.compile("[^\\r\\n]+");

  private PlainTextBounce() {}

  static Bounce read(String explanation, Fields header, String originalTo, MessageRef ref) {
    Optional<StatusCode.Found> found =
        StatusCode.find(explanation, 5)
            .or(() -> StatusCode.find(explanation, 4))
            .or(() -> StatusCode.findReply(explanation));
    StatusCode code = found.map(StatusCode.Found::code).orElse(new StatusCode(5, 0, 0));
    int lineEnd = found.map(f -> lineEnd(explanation, f.position())).orElse(-1);
    String diagnostic =
        found
            .map(f -> explanation.substring(lineStart(explanation, f.position()), lineEnd))
            .orElseGet(() -> tellingLine(explanation));
    String recipient =
        header
            .first("X-Failed-Recipients")
            .flatMap(PlainTextBounce::firstAddress)
            .or(() -> lineEnd < 0 ? Optional.empty() : lastAddressUpTo(explanation, lineEnd))
            .or(() -> firstAddress(explanation))
            .or(() -> firstAddress(originalTo))
            .orElse("");
    return new Bounce(
        ref,
        BounceClassifier.classify(code, explanation),
        code.toString(),
        Clean.line(diagnostic, Limits.DIAGNOSTIC),
        Clean.line(recipient, Limits.ADDRESS));
  }

  private static String tellingLine(String text) {
    Matcher line = LINE.matcher(text);
    while (line.find()) {
      if (BounceWords.anyIn(line.group())) {
        return line.group();
      }
    }
    return "";
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

  private static Optional<String> lastAddressUpTo(String text, int end) {
    Matcher m = ADDRESS.matcher(text);
    m.region(Math.max(0, end - LOOK_BACK), end);
    String last = null;
    while (m.find()) {
      if (!OURS.matcher(m.group()).lookingAt()) {
        last = m.group();
      }
    }
    return Optional.ofNullable(last);
  }

  private static Optional<String> firstAddress(String text) {
    Matcher m = ADDRESS.matcher(text);
    while (m.find()) {
      if (!OURS.matcher(m.group()).lookingAt()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }
}
