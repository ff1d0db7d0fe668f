package io.herald.feedback;

import java.util.Optional;

/**
 * Refuses, before Jakarta Mail sees it, a mail shaped to make parsing it slow. Jakarta Mail parses
 * every part of a multipart at once, at tens of microseconds each, so ten megabytes of empty parts
 * would cost minutes; and it scans its header list once per header it looks up. A DSN or ARF report
 * has a handful of parts and a header of a few dozen lines, so the bounds here are far above any
 * genuine report. One pass, no allocation.
 */
final class MimeShape {
  /** Lines starting with {@code --}, which is what every MIME boundary line looks like. */
  static final int MAX_BOUNDARY_LINES = 1000;

  /** Lines of the top-level header, continuation lines included. */
  static final int MAX_HEADER_LINES = 2000;

  private MimeShape() {}

  /** Why the mail is refused, or empty when its shape is fine. */
  static Optional<String> refusal(byte[] mail) {
    int boundaries = 0;
    int headerLines = 0;
    boolean inHeader = true;
    int lineStart = 0;
    for (int i = 0; i <= mail.length; i++) {
      if (i < mail.length && mail[i] != '\n') {
        continue;
      }
      int length = lineLength(mail, lineStart, i);
      if (inHeader) {
        inHeader = length > 0;
        if (inHeader && ++headerLines > MAX_HEADER_LINES) {
          return Optional.of("a header of more than " + MAX_HEADER_LINES + " lines");
        }
      }
      if (length >= 2 && mail[lineStart] == '-' && mail[lineStart + 1] == '-') {
        if (++boundaries > MAX_BOUNDARY_LINES) {
          return Optional.of("more than " + MAX_BOUNDARY_LINES + " MIME boundary lines");
        }
      }
      lineStart = i + 1;
    }
    return Optional.empty();
  }

  /** The length of the line from {@code start} to {@code end} without its CR. */
  private static int lineLength(byte[] mail, int start, int end) {
    return end > start && mail[end - 1] == '\r' ? end - start - 1 : end - start;
  }
}
