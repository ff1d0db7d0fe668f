package io.herald.relay.internal;

import io.herald.relay.ConnectionInfo;
import io.herald.relay.RelayLimit;
import io.herald.relay.Reply;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of one SMTP session: feeds line chunks to the {@link CommandDispatcher}, writes
 * replies, and runs blocking work off the event loop.
 *
 * <p>Ordering: while a blocking task runs, reading from the socket stops and chunks already framed
 * are held in a bounded queue; when the task's result has been answered, the held chunks are
 * processed in order. So pipelined commands are always answered in the order they came, and a
 * connection never holds more than one task or more than one read's worth of input.
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
  private static final int MAX_HELD_BYTES = 1 << 20;
  static final Reply SHUTTING_DOWN = new Reply(421, "4.3.2", "Service shutting down");
  static final Reply IDLE = new Reply(421, "4.4.2", "Idle timeout, closing connection");
  static final Reply FLOODED = new Reply(421, "4.7.0", "Too much pipelined input");
  static final Reply LINE_TOO_LONG = new Reply(500, "5.5.2", "Line too long");

  private final RelayRuntime runtime;
  private final ArrayDeque<LineChunk> held = new ArrayDeque<>();
  private long heldBytes;
  private boolean busy;
  private boolean closed;
  private boolean discardingLongLine;
  private boolean unflushed;
  private ChannelHandlerContext ctx;
  private SessionContext session;
  private CommandDispatcher dispatcher;
  private final SessionWatch watch;

  SmtpSession(RelayRuntime runtime) {
    this.runtime = runtime;
    this.watch = new SessionWatch(runtime.settings(), this);
  }

  /** The client's address; a non-IP channel (only in tests) counts as 0.0.0.0. */
  static InetSocketAddress remote(Channel channel) {
    return channel.remoteAddress() instanceof InetSocketAddress inet
        ? inet
        : new InetSocketAddress("0.0.0.0", 0);
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    ctx = context;
    InetSocketAddress remote = remote(ctx.channel());
    InetSocketAddress local =
        ctx.channel().localAddress() instanceof InetSocketAddress inet
            ? inet
            : new InetSocketAddress("0.0.0.0", 0);
    ConnectionInfo info = new ConnectionInfo(runtime.nextConnectionId(), remote, local);
    boolean trusted = runtime.trusted(remote.getAddress());
    session = new SessionContext(info, trusted);
    dispatcher = new CommandDispatcher(runtime, session, this);
    watch.start(ctx.executor());
    if (trusted) {
      offload(
          () -> runtime.backend().trusted(info),
          Optional.<Principal>empty(),
          principal -> {
            principal.ifPresent(session::trustedPrincipal);
            dispatcher.greet();
          });
    } else {
      dispatcher.greet();
      flushIfNeeded();
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!(msg instanceof LineChunk chunk) || closed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (busy || !held.isEmpty()) {
      hold(chunk);
    } else {
      handle(chunk);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    flushIfNeeded();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (session == null) {
      // The connection gate refused this connection; it is already closing.
      ReferenceCountUtil.release(event);
      return;
    }
    if (event instanceof IdleStateEvent && !busy && !closing()) {
      replyAndClose(IDLE);
    } else if (event instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        session.tlsStarted();
      } else {
        LOG.debug("{}: TLS handshake failed: {}", id(), done.cause().toString());
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (session == null) {
      context.close();
      return;
    }
    // Decoder and TLS errors end up here; the client gets no detail, the log gets the cause.
    LOG.debug("{}: closing after {}", id(), cause.toString());
    if (!closing() && ctx.channel().isActive()) {
      replyAndClose(new Reply(421, "4.3.0", "Error processing input, closing connection"));
    } else {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (session == null) {
      context.fireChannelInactive();
      return;
    }
    closed = true;
    watch.stop();
    releaseHeld();
    if (!busy) {
      dispatcher.connectionClosed();
    }
    ctx.fireChannelInactive();
  }

  /** Writes a reply; it is flushed at the end of the current read or task. */
  void reply(Reply reply) {
    if (!closed) {
      ctx.write(reply, ctx.voidPromise());
      unflushed = true;
    }
  }

  /** Writes a last reply and closes once it is sent; further input is ignored. */
  void replyAndClose(Reply reply) {
    session.state(new SessionState.Closing());
    releaseHeld();
    if (closed) {
      return;
    }
    ctx.channel().config().setAutoRead(false);
    unflushed = false;
    ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Runs blocking work on the executor, then {@code then} with its result on the event loop. Input
   * is held meanwhile. A task that fails or returns null yields {@code fallback}.
   */
  <T> void offload(Callable<T> work, T fallback, Consumer<T> then) {
    busy = true;
    watch.pause();
    ctx.channel().config().setAutoRead(false);
    try {
      runtime.blocking().execute(() -> ctx.executor().execute(complete(run(work, fallback), then)));
    } catch (RejectedExecutionException e) {
      busy = false;
      replyAndClose(SHUTTING_DOWN);
    }
  }

  /**
   * Runs {@code then} on the event loop after {@code by}, holding input meanwhile as for a backend
   * call; no thread waits.
   */
  void delay(Duration by, Runnable then) {
    if (!by.isPositive()) {
      then.run();
      return;
    }
    busy = true;
    watch.pause();
    ctx.channel().config().setAutoRead(false);
    ctx.executor()
        .schedule(complete(by, ignored -> then.run()), by.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Answers STARTTLS and puts TLS in front of everything; input after the command is dropped. */
  void startTls(SslContext context) {
    framer().discardBuffered();
    releaseHeld();
    discardingLongLine = false;
    session.state(new SessionState.Fresh());
    SslHandler tls = new SslHandler(context.newEngine(ctx.alloc()), true);
    flushIfNeeded();
    ctx.pipeline().addFirst("tls", tls);
    ctx.writeAndFlush(new Reply(220, "2.0.0", "Ready to start TLS"));
  }

  /** True while a backend call or a delay runs; input is held meanwhile. */
  boolean busy() {
    return busy;
  }

  /** Bytes the client sent so far (after TLS), for the minimum data rate. */
  long bytesReceived() {
    return framer().received();
  }

  /**
   * True when the relay waits for the client to finish something it started: a message after 354,
   * or a command line of which only a part arrived. Quiet between commands is the idle timeout's.
   */
  boolean awaitingRestOfInput() {
    return !busy
        && !closed
        && !closing()
        && (session.state() instanceof SessionState.ReceivingData || framer().midLine());
  }

  /** Closes with {@code reply} for a limit of the whole connection, unless already closing. */
  void cut(RelayLimit limit, Reply reply) {
    if (!closed && !closing()) {
      runtime.listener().limitReached(limit, remote(ctx.channel()).getAddress());
      LOG.debug("{}: {}", id(), reply.text());
      replyAndClose(reply);
    }
  }

  String id() {
    return session == null ? "-" : session.connection().id();
  }

  private <T> T run(Callable<T> work, T fallback) {
    try {
      T result = work.call();
      return result == null ? fallback : result;
    } catch (Exception | Error e) {
      LOG.warn("{}: backend call failed", id(), e);
      return fallback;
    }
  }

  private <T> Runnable complete(T result, Consumer<T> then) {
    return () -> {
      busy = false;
      if (closed) {
        dispatcher.connectionClosed();
        return;
      }
      then.accept(result);
      drain();
    };
  }

  private void handle(LineChunk chunk) {
    try {
      switch (session.state()) {
        case SessionState.Closing closing -> {}
        case SessionState.ReceivingData data -> dispatcher.content(data, chunk);
        default -> handleLine(chunk);
      }
    } finally {
      chunk.release();
    }
  }

  private void handleLine(LineChunk chunk) {
    if (!chunk.endOfLine()) {
      discardingLongLine = true;
    } else if (discardingLongLine || !chunk.startOfLine()) {
      discardingLongLine = false;
      dispatcher.lineTooLong();
    } else {
      dispatcher.line(chunk.content().toString(StandardCharsets.ISO_8859_1));
    }
  }

  private void hold(LineChunk chunk) {
    heldBytes += chunk.content().readableBytes() + 2L;
    held.add(chunk);
    if (heldBytes > MAX_HELD_BYTES) {
      replyAndClose(FLOODED);
    }
  }

  private void drain() {
    LineChunk next;
    while (!busy && !closed && (next = held.poll()) != null) {
      heldBytes -= next.content().readableBytes() + 2L;
      handle(next);
    }
    flushIfNeeded();
    if (!busy && !closed && !closing()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void releaseHeld() {
    LineChunk chunk;
    while ((chunk = held.poll()) != null) {
      chunk.release();
    }
    heldBytes = 0;
  }

  private SmtpFramer framer() {
    return (SmtpFramer) ctx.pipeline().get("framer");
  }

  private void flushIfNeeded() {
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
  }

  private boolean closing() {
    return session != null && session.state() instanceof SessionState.Closing;
  }
}
