package io.herald.feedback;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code, {@code class.subject.detail}: the class says success (2),
 * persistent transient failure (4) or permanent failure (5); the subject what failed (1 address, 2
 * mailbox, 3 mail system, 4 network, 5 protocol, 6 content, 7 security or policy).
 */
record StatusCode(int klass, int subject, int detail) {
  private static final Pattern ENHANCED =
      Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
  private static final Pattern BASIC = Pattern.compile("^\\s*([245])\\d\\d(?![\\d.])");
  private static final Pattern REPLY =
      Pattern.compile("(?:^|(?<=[\\s:>]))([45])[0-5]\\d(?=[ \\t:-]|$)", Pattern.MULTILINE);

  /** The first enhanced code in a text, e.g. a {@code Status} field or an SMTP reply. */
  static Optional<StatusCode> find(String text) {
    Matcher m = ENHANCED.matcher(text);
    return m.find() ? Optional.of(of(m)) : Optional.empty();
  }

  /** The first enhanced code of the given class in a text, and where it starts. */
  static Optional<Found> find(String text, int klass) {
    Matcher m = ENHANCED.matcher(text);
    while (m.find()) {
      StatusCode code = of(m);
      if (code.klass() == klass) {
        return Optional.of(new Found(code, m.start()));
      }
    }
    return Optional.empty();
  }

  /** A code found in a text, at {@code position}. */
  record Found(StatusCode code, int position) {}

  /**
   * The code an SMTP reply without an enhanced code stands for: {@code 550 ...} gives 5.0.0 (RFC
   * 3463 §3.1 "other undefined status").
   */
  static Optional<StatusCode> fromReplyCode(String reply) {
    Matcher m = BASIC.matcher(reply);
    return m.find()
        ? Optional.of(new StatusCode(Integer.parseInt(m.group(1)), 0, 0))
        : Optional.empty();
  }

  /**
   * The first three-digit SMTP reply code of class 4 or 5 in a text, where a reply is quoted: at
   * the start of a line or after a colon, {@code >} or a space, followed by a space, a hyphen or a
   * colon ({@code Remote host said: 550 ...}, {@code <<< 550-...}, {@code 554: delivery error}). It
   * stands for x.0.0, as {@link #fromReplyCode} says.
   */
  static Optional<Found> findReply(String text) {
    Matcher m = REPLY.matcher(text);
    return m.find()
        ? Optional.of(new Found(new StatusCode(Integer.parseInt(m.group(1)), 0, 0), m.start()))
        : Optional.empty();
  }

  private static StatusCode of(Matcher m) {
    return new StatusCode(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  @Override
  public String toString() {
    return klass + "." + subject + "." + detail;
  }
}
