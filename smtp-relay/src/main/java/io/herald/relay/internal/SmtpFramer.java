package io.herald.relay.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into {@link LineChunk}s at CRLF. A line longer than the maximum is cut into
 * chunks of that size, so memory per connection stays bounded whatever the client sends; the
 * session decides what a long line means (an error for a command, plain content inside DATA).
 *
 * <p>Only CRLF ends a line: a bare CR or LF stays inside the chunk, where the session refuses it.
 * That keeps the end-of-data sequence unambiguous (no SMTP smuggling with {@code LF.LF}).
 */
final class SmtpFramer extends ByteToMessageDecoder {

  private final int maxChunk;
  private boolean atLineStart = true;
  private long received;

  SmtpFramer(int maxChunk) {
    this.maxChunk = maxChunk;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof ByteBuf bytes) {
      received += bytes.readableBytes();
    }
    super.channelRead(ctx, msg);
  }

  /** Bytes received so far, framed or not. */
  long received() {
    return received;
  }

  /** True while part of a line was received and its CRLF was not. */
  boolean midLine() {
    return !atLineStart || internalBuffer().isReadable();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int readable = in.readableBytes();
    if (readable == 0) {
      return;
    }
    int window = Math.min(readable, maxChunk + 2);
    int cr = findCrlf(in, window);
    if (cr >= 0) {
      ByteBuf content = in.readRetainedSlice(cr);
      in.skipBytes(2);
      out.add(new LineChunk(content, atLineStart, true));
      atLineStart = true;
    } else if (readable >= maxChunk + 2) {
      // No CRLF within max+2 bytes, so none can straddle the cut: the chunk never ends in a CR
      // whose LF comes next.
      out.add(new LineChunk(in.readRetainedSlice(maxChunk), atLineStart, false));
      atLineStart = false;
    }
  }

  /** Drops bytes received but not yet framed: plaintext pipelined behind STARTTLS (RFC 3207). */
  void discardBuffered() {
    ByteBuf buffered = internalBuffer();
    buffered.skipBytes(buffered.readableBytes());
    atLineStart = true;
  }

  /** Offset of the CR of the first CRLF within the first {@code window} bytes, or -1. */
  private static int findCrlf(ByteBuf in, int window) {
    int start = in.readerIndex();
    int end = start + window;
    for (int i = start + 1; i < end; i++) {
      i = in.indexOf(i, end, (byte) '\n');
      if (i < 0) {
        return -1;
      }
      if (i > start && in.getByte(i - 1) == '\r') {
        return i - 1 - start;
      }
    }
    return -1;
  }
}
