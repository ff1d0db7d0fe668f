package io.herald.relay.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A piece of one CRLF-terminated line as cut by {@link SmtpFramer}: the whole line when it fits the
 * maximum length, otherwise consecutive chunks of it. The CRLF itself is never included.
 */
final class LineChunk extends DefaultByteBufHolder {

  private final boolean startOfLine;
  private final boolean endOfLine;

  LineChunk(ByteBuf content, boolean startOfLine, boolean endOfLine) {
    super(content);
    this.startOfLine = startOfLine;
    this.endOfLine = endOfLine;
  }

  /** True when this chunk begins a line (dot-stuffing and the end-of-data dot apply only here). */
  boolean startOfLine() {
    return startOfLine;
  }

  /** True when a CRLF followed this chunk. */
  boolean endOfLine() {
    return endOfLine;
  }

  /** True for a line that fit in one chunk. */
  boolean wholeLine() {
    return startOfLine && endOfLine;
  }
}
