package io.herald.relay.internal;

import io.herald.relay.RelayListener;
import io.herald.relay.internal.ConnectionLimits.Admission;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;

/**
 * First handler of every connection: admits it within the total, per-address and per-network
 * limits, or answers {@code 421 4.7.0} with the limit it reached and closes before the session ever
 * sees it.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {

  private final ConnectionLimits limits;
  private final RelayListener listener;
  private InetAddress admitted;
  private boolean refused;

  ConnectionGate(ConnectionLimits limits, RelayListener listener) {
    this.limits = limits;
    this.listener = listener;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress address = SmtpSession.remote(ctx.channel()).getAddress();
    Admission admission = limits.tryAcquire(address);
    if (admission == Admission.ADMITTED) {
      admitted = address;
      ctx.fireChannelActive();
    } else {
      refused = true;
      listener.limitReached(admission.limit(), address);
      ctx.channel().config().setAutoRead(false);
      ctx.writeAndFlush(admission.refusal()).addListener(ChannelFutureListener.CLOSE);
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
