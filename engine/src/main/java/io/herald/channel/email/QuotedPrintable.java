package io.herald.channel.email;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable (RFC 2045 §6.7) for message bodies, in one pass over the UTF-8 bytes. Angus
 * Mail's encoder works byte by byte through a stream chain and was the largest single cost of
 * composing a campaign message; this produces the same encoding — printable ASCII as is, line
 * breaks as CRLF, everything else {@code =XX}, trailing white space encoded, soft line breaks
 * before 76 characters — straight into a byte array, eight literal bytes at a time where it can.
 */
final class QuotedPrintable {
  private static final int MAX_LINE = 76;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long EQUALS = ONES * '=';
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final boolean[] LITERAL = new boolean[256];

  static {
    for (int b = 33; b <= 126; b++) {
      LITERAL[b] = b != '=';
    }
  }

  private QuotedPrintable() {}

  /** Encodes text; every line break (CRLF, CR or LF) becomes CRLF. The result is ASCII. */
  static String encode(String text) {
    return new String(encodeToBytes(text), StandardCharsets.US_ASCII);
  }

  /** {@link #encode} as the ASCII bytes themselves, without a copy through a String. */
  static byte[] encodeToBytes(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    // Room for mostly ASCII text with its soft breaks; grown when escapes need more (each step
    // below writes at most 8 bytes).
    byte[] out = new byte[in.length + in.length / 16 + 64];
    int o = 0;
    int column = 0;
    for (int i = 0; i < in.length; i++) {
      if (o + 16 > out.length) {
        out = java.util.Arrays.copyOf(out, out.length + out.length / 2 + 16);
      }
      // Eight bytes that fit on the line and stay as they are (printable ASCII, or spaces not at a
      // line's end) go in one step.
      if (column + Long.BYTES < MAX_LINE && i + Long.BYTES <= in.length) {
        long word = (long) LONGS.get(in, i);
        if (literal(word)) {
          LONGS.set(out, o, word);
          o += Long.BYTES;
          i += Long.BYTES - 1;
          column += Long.BYTES;
          continue;
        }
      }
      int b = in[i] & 0xFF;
      if (LITERAL[b]) { // most bytes of a message: printable ASCII other than '='
        if (column == MAX_LINE - 1) {
          out[o++] = '=';
          out[o++] = '\r';
          out[o++] = '\n';
          column = 0;
        }
        out[o++] = (byte) b;
        column++;
        continue;
      }
      if (b == '\r' || b == '\n') {
        out[o++] = '\r';
        out[o++] = '\n';
        if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
          i++;
        }
        column = 0;
        continue;
      }
      boolean lineEnds = i + 1 == in.length || in[i + 1] == '\r' || in[i + 1] == '\n';
      boolean literal = (b == ' ' || b == '\t') && !lineEnds;
      int width = literal ? 1 : 3;
      if (column + width > MAX_LINE - 1) {
        out[o++] = '=';
        out[o++] = '\r';
        out[o++] = '\n';
        column = 0;
      }
      if (literal) {
        out[o++] = (byte) b;
      } else {
        out[o++] = '=';
        out[o++] = HEX[b >> 4];
        out[o++] = HEX[b & 0xF];
      }
      column += width;
    }
    return java.util.Arrays.copyOf(out, o);
  }

  /**
   * Whether all eight bytes are printable ASCII other than '=' or spaces (32 to 126, not 61), the
   * last not a space: a space is written as is only when something other than a line break follows
   * it, and within the word something does.
   */
  private static boolean literal(long word) {
    if ((word >>> 56) == ' ') {
      return false;
    }
    long below32 = (word - ONES * 32) & ~word & HIGHS;
    long above126 = ((word + ONES) | word) & HIGHS;
    long x = word ^ EQUALS;
    long equals = (x - ONES) & ~x & HIGHS;
    return (below32 | above126 | equals) == 0;
  }
}
