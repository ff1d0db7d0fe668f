package io.herald.relay.internal;

import io.herald.relay.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the content after DATA (RFC 5321 section 4.5.2): removes the leading dot that clients add
 * to lines starting with a dot, stops at the line holding a lone dot, and counts the size. Content
 * past the size limit, or holding a bare CR or LF or a NUL, is not kept: the rest is read and
 * discarded so the dialogue stays in step, and the refusal is answered after the final dot.
 */
final class DataReceiver {

  static final Reply TOO_BIG =
      new Reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
  static final Reply BARE_NEWLINE =
      new Reply(554, "5.6.0", "Bare CR or LF in message content; lines must end with CRLF");
  // RFC 5321 section 4.5.2 leaves NUL to the server; passed on, C-string parsers downstream
  // truncate or misread the line, so the relay refuses it like the bare newline.
  static final Reply NUL = new Reply(554, "5.6.0", "NUL character in message content");
  private static final byte[] CRLF = {'\r', '\n'};

  private final long maxSize;
  private final SpooledBody body;
  private long size;
  private Reply refusal;

  DataReceiver(long maxSize, SpooledBody body, String traceHeader) {
    this.maxSize = maxSize;
    this.body = body;
    byte[] header = traceHeader.getBytes(StandardCharsets.US_ASCII);
    body.append(header, 0, header.length);
  }

  /**
   * Takes one chunk of content.
   *
   * @return true when the chunk was the terminating lone dot
   */
  boolean accept(LineChunk chunk) {
    ByteBuf content = chunk.content();
    int offset = content.readerIndex();
    int length = content.readableBytes();
    if (chunk.startOfLine() && length > 0 && content.getByte(offset) == '.') {
      if (chunk.endOfLine() && length == 1) {
        return true;
      }
      offset++;
      length--;
    }
    size += length + (chunk.endOfLine() ? 2 : 0);
    if (refusal == null && size > maxSize) {
      refusal = TOO_BIG;
    }
    if (refusal == null && hasBareNewline(content, offset, length)) {
      refusal = BARE_NEWLINE;
    }
    if (refusal == null && content.indexOf(offset, offset + length, (byte) 0) >= 0) {
      refusal = NUL;
    }
    if (refusal == null) {
      byte[] bytes = ByteBufUtil.getBytes(content, offset, length, false);
      body.append(bytes, 0, bytes.length);
      if (chunk.endOfLine()) {
        body.append(CRLF, 0, 2);
      }
    }
    return false;
  }

  /** Refuses the message (for instance when the spool cannot be written); the rest is skipped. */
  void refuse(Reply reply) {
    if (refusal == null) {
      refusal = reply;
    }
  }

  /** Why the message is refused, once known. */
  Optional<Reply> refusal() {
    return Optional.ofNullable(refusal);
  }

  SpooledBody body() {
    return body;
  }

  private static boolean hasBareNewline(ByteBuf content, int offset, int length) {
    return content.indexOf(offset, offset + length, (byte) '\n') >= 0
        || content.indexOf(offset, offset + length, (byte) '\r') >= 0;
  }
}
