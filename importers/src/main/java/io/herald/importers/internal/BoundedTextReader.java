package io.herald.importers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * A strict decoding {@link Reader} that refuses, while streaming, what would otherwise have to be
 * buffered or silently mangled: a physical line longer than the limit (counted between CR, LF or
 * CRLF, so a 10 MB single line fails after 64 K characters, not after 10 MB are in memory), a CSV
 * row spread over so many quoted lines that it passes the row budget, a NUL character, and bytes
 * that are not valid in the chosen charset (reported with their line number, which is why this does
 * not use {@link java.io.InputStreamReader}, whose errors lose the characters decoded just before
 * them).
 */
public final class BoundedTextReader extends Reader {

  private static final int BUFFER = 8192;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final int maxLineChars;
  private final long maxRowChars;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
  private final CharBuffer chars = CharBuffer.allocate(BUFFER);
  private CoderResult pendingError;
  private boolean eof;
  private boolean flushed;
  private long line = 1;
  private long lineChars;
  private long rowChars;
  private boolean afterCr;

  /**
   * @param maxRowChars characters allowed between two {@link #rowEnded()} calls; Long.MAX_VALUE
   *     when the caller reads lines, not rows
   */
  public BoundedTextReader(InputStream in, Charset charset, int maxLineChars, long maxRowChars) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.maxLineChars = maxLineChars;
    this.maxRowChars = maxRowChars;
    bytes.flip();
    chars.flip();
  }

  /** The physical line (1-based) of the next character to be read. */
  public long line() {
    return line;
  }

  /** Tells the reader a row was consumed, restarting the row budget. */
  public void rowEnded() {
    rowChars = 0;
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(length, chars.remaining());
    chars.get(target, offset, n);
    for (int i = offset; i < offset + n; i++) {
      count(target[i]);
    }
    return n;
  }

  private void count(char c) throws TextRefusal {
    if (c == '\n') {
      if (!afterCr) {
        line++;
      }
      lineChars = 0;
    } else if (c == '\r') {
      line++;
      lineChars = 0;
    } else if (c == '\0') {
      throw new TextRefusal("not a text file (NUL character on line " + line + ")");
    } else if (++lineChars > maxLineChars) {
      throw new TextRefusal("line " + line + " is longer than " + maxLineChars + " characters");
    }
    afterCr = c == '\r';
    if (++rowChars > maxRowChars) {
      throw new TextRefusal(
          "row near line " + line + " is longer than " + maxRowChars + " characters");
    }
  }

  /** Decodes the next chunk; false at end of input. */
  private boolean fill() throws IOException {
    if (pendingError != null) {
      throw undecodable();
    }
    chars.clear();
    try {
      while (chars.position() == 0) {
        if (flushed) {
          return false;
        }
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (result.isError()) {
          pendingError = result;
          if (chars.position() == 0) {
            throw undecodable();
          }
        } else if (result.isUnderflow() && chars.position() == 0) {
          if (eof) {
            decoder.flush(chars);
            flushed = true;
          } else {
            readBytes();
          }
        } else if (result.isUnderflow() && eof) {
          decoder.flush(chars);
          flushed = true;
        }
      }
      return true;
    } finally {
      chars.flip();
    }
  }

  private void readBytes() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  private TextRefusal undecodable() {
    return new TextRefusal(
        "line " + line + " has bytes that are not valid " + decoder.charset().name());
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
