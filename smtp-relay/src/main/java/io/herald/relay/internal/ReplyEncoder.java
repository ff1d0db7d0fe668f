package io.herald.relay.internal;

import io.herald.relay.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link Reply} as RFC 5321 reply lines: {@code 250-first}, ..., {@code 250 last}, each
 * carrying the enhanced status code when the reply has one.
 */
@Sharable
final class ReplyEncoder extends MessageToByteEncoder<Reply> {

  @Override
  protected void encode(ChannelHandlerContext ctx, Reply reply, ByteBuf out) {
    List<String> lines = reply.lines();
    String prefix = reply.status().isEmpty() ? "" : reply.status() + " ";
    for (int i = 0; i < lines.size(); i++) {
      char separator = i == lines.size() - 1 ? ' ' : '-';
      String line = reply.code() + "" + separator + prefix + lines.get(i);
      out.writeCharSequence(line.stripTrailing(), StandardCharsets.US_ASCII);
      out.writeByte('\r').writeByte('\n');
    }
  }
}
