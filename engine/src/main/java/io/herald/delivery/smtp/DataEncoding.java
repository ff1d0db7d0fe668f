package io.herald.delivery.smtp;

/**
 * A message as the text of SMTP's {@code DATA} (RFC 5321 §4.5.2), made in one pass: every line
 * break becomes CRLF (a lone CR or LF too), a line that starts with a period gets a second one, and
 * the content ends with a line break and the {@code .} line. These are the bytes Jakarta Mail's
 * {@code SMTPOutputStream} writes for the same message, produced without its byte-by-byte stream
 * chain.
 */
final class DataEncoding {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte DOT = '.';

  private DataEncoding() {}

  /** The content of {@code DATA} for a message, terminator included. */
  static byte[] encode(byte[] message) {
    int n = message.length;
    int extra = 0;
    boolean lineStart = true;
    for (int i = 0; i < n; i++) {
      byte b = message[i];
      if (b == CR) {
        if (i + 1 < n && message[i + 1] == LF) {
          i++;
        } else {
          extra++;
        }
        lineStart = true;
      } else if (b == LF) {
        extra++;
        lineStart = true;
      } else {
        if (lineStart && b == DOT) {
          extra++;
        }
        lineStart = false;
      }
    }
    byte[] out = new byte[n + extra + (lineStart ? 0 : 2) + 3];
    int o = 0;
    int copied = 0;
    lineStart = true;
    for (int i = 0; i < n; i++) {
      byte b = message[i];
      if (b == CR || b == LF) {
        if (b == CR && i + 1 < n && message[i + 1] == LF) {
          i++;
          lineStart = true;
          continue; // already CRLF: copied with the run
        }
        System.arraycopy(message, copied, out, o, i - copied);
        o += i - copied;
        out[o++] = CR;
        out[o++] = LF;
        copied = i + 1;
        lineStart = true;
      } else {
        if (lineStart && b == DOT) {
          System.arraycopy(message, copied, out, o, i - copied);
          o += i - copied;
          out[o++] = DOT;
          copied = i; // the period itself goes with the next run
        }
        lineStart = false;
      }
    }
    System.arraycopy(message, copied, out, o, n - copied);
    o += n - copied;
    if (!lineStart) {
      out[o++] = CR;
      out[o++] = LF;
    }
    out[o++] = DOT;
    out[o++] = CR;
    out[o++] = LF;
    return out;
  }
}
