package io.herald.relay.internal;

import io.herald.relay.Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;

/**
 * First handler of every connection: admits it within the total and per-address limits, or answers
 * {@code 421 4.7.0} and closes before the session ever sees it.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {

  static final Reply TOO_MANY = new Reply(421, "4.7.0", "Too many connections, try again later");

  private final ConnectionLimits limits;
  private InetAddress admitted;
  private boolean refused;

  ConnectionGate(ConnectionLimits limits) {
    this.limits = limits;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress address = SmtpSession.remote(ctx.channel()).getAddress();
    if (limits.tryAcquire(address)) {
      admitted = address;
      ctx.fireChannelActive();
    } else {
      refused = true;
      ctx.channel().config().setAutoRead(false);
      ctx.writeAndFlush(TOO_MANY).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (admitted != null) {
      limits.release(admitted);
      admitted = null;
    }
    ctx.fireChannelInactive();
  }
}
