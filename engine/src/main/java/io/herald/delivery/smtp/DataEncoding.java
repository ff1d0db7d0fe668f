package io.herald.delivery.smtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A message as the text of SMTP's {@code DATA} (RFC 5321 §4.5.2): every line break becomes CRLF (a
 * lone CR or LF too), a line that starts with a period gets a second one, and the content ends with
 * a line break and the {@code .} line. These are the bytes Jakarta Mail's {@code SMTPOutputStream}
 * writes for the same message, made without its byte-by-byte stream chain: line breaks are found
 * eight bytes at a time, and between them the bytes are copied in bulk.
 */
final class DataEncoding {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long CRS = ONES * '\r';
  private static final long LFS = ONES * '\n';
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte DOT = '.';

  private DataEncoding() {}

  /** The content of {@code DATA} for a message, terminator included. */
  static byte[] encode(byte[] message) {
    int n = message.length;
    boolean endsWithBreak = n == 0 || message[n - 1] == CR || message[n - 1] == LF;
    // Exactly the room a message already in shape needs (ours are), so that it is copied once;
    // grown in the rare case of more to add.
    byte[] out = new byte[n + (endsWithBreak ? 3 : 5)];
    int o = 0;
    int run = 0; // start of the bytes not yet copied
    int i = 0;
    boolean lineStart = true;
    while (true) {
      if (lineStart && i < n && message[i] == DOT) {
        out = room(out, o, i - run + 1);
        System.arraycopy(message, run, out, o, i - run);
        o += i - run;
        out[o++] = DOT;
        run = i; // the period itself goes with the next run
      }
      i = nextBreak(message, i);
      if (i == n) {
        break;
      }
      if (message[i] == CR && i + 1 < n && message[i + 1] == LF) {
        i += 2; // already CRLF: stays in the run
      } else {
        out = room(out, o, i - run + 2);
        System.arraycopy(message, run, out, o, i - run);
        o += i - run;
        out[o++] = CR;
        out[o++] = LF;
        run = ++i;
      }
      lineStart = true;
    }
    out = room(out, o, n - run + (endsWithBreak ? 3 : 5));
    System.arraycopy(message, run, out, o, n - run);
    o += n - run;
    if (!endsWithBreak) {
      out[o++] = CR;
      out[o++] = LF;
    }
    out[o++] = DOT;
    out[o++] = CR;
    out[o++] = LF;
    return o == out.length ? out : java.util.Arrays.copyOf(out, o);
  }

  /** The index of the next CR or LF at or after {@code from}, or the length. */
  static int nextBreak(byte[] a, int from) {
    int i = from;
    for (; i + Long.BYTES <= a.length; i += Long.BYTES) {
      long word = (long) LONGS.get(a, i);
      if (hasByte(word, CRS) || hasByte(word, LFS)) {
        break;
      }
    }
    while (i < a.length && a[i] != CR && a[i] != LF) {
      i++;
    }
    return i;
  }

  /** Whether any byte of {@code word} equals the byte repeated in {@code pattern}. */
  private static boolean hasByte(long word, long pattern) {
    long x = word ^ pattern;
    return ((x - ONES) & ~x & HIGHS) != 0;
  }

  /** {@code out}, or a larger copy when {@code more} bytes do not fit after {@code used}. */
  private static byte[] room(byte[] out, int used, int more) {
    return used + more <= out.length
        ? out
        : java.util.Arrays.copyOf(out, Math.max(out.length + out.length / 8, used + more + 5));
  }
}
