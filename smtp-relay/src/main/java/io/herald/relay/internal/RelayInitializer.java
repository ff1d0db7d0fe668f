package io.herald.relay.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one SMTP connection, head to tail. TLS ({@code "tls"}) is added at the head on
 * STARTTLS.
 *
 * <pre>
 * replies  Reply -&gt; bytes
 * limits   admits the connection or answers 421 and closes
 * idle     fires when neither side said anything for the idle timeout
 * framer   bytes -&gt; CRLF line chunks of bounded size
 * session  the dialogue: state machine, limits, backend calls off the event loop
 * </pre>
 */
public final class RelayInitializer extends ChannelInitializer<Channel> {

  private static final ReplyEncoder REPLY_ENCODER = new ReplyEncoder();

  private final RelayRuntime runtime;

  /** An initializer for connections of the given server. */
  public RelayInitializer(RelayRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  protected void initChannel(Channel channel) {
    long idle = runtime.settings().idleTimeout().toMillis();
    channel
        .pipeline()
        .addLast("replies", REPLY_ENCODER)
        .addLast("limits", new ConnectionGate(runtime.limits(), runtime.listener()))
        .addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS))
        .addLast("framer", new SmtpFramer(runtime.settings().maxLineLength()))
        .addLast("session", new SmtpSession(runtime));
  }
}
