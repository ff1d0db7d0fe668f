package io.herald.relay.internal;

import io.herald.relay.RelayBackend;
import io.herald.relay.RelaySettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A scripted SMTP dialogue through an {@link EmbeddedChannel} with the relay's real pipeline:
 * {@link #send} feeds bytes as a client would, {@link #take} returns what the server answered since
 * the last call. Backend calls run inline, so every answer is there when send returns. The event
 * loop's time stands still unless {@link #advance} moves it, so timers fire only when a test says.
 */
final class Dialogue implements AutoCloseable {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

  private final EmbeddedChannel channel;

  Dialogue(RelaySettings settings, RelayBackend backend) {
    this(settings, backend, Optional.empty(), "192.0.2.10");
  }

  Dialogue(RelaySettings settings, RelayBackend backend, Optional<SslContext> tls, String ip) {
    this(RelayRuntime.of(settings, backend, Runnable::run, CLOCK, tls), ip);
  }

  Dialogue(RelayRuntime runtime) {
    this(runtime, "192.0.2.10");
  }

  private Dialogue(RelayRuntime runtime, String ip) {
    channel = new ClientChannel(new InetSocketAddress(ip, 40000));
    channel.freezeTime();
    channel.pipeline().addLast(new RelayInitializer(runtime));
    try {
      channel.register();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    channel.runPendingTasks();
  }

  /** Sends raw client bytes (CRLF is not added). */
  Dialogue send(String bytes) {
    channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    channel.runPendingTasks();
    return this;
  }

  /** Sends one line, adding CRLF. */
  Dialogue line(String line) {
    return send(line + "\r\n");
  }

  /** Everything the server wrote since the last call. */
  String take() {
    channel.runPendingTasks();
    StringBuilder out = new StringBuilder();
    Object message;
    while ((message = channel.readOutbound()) != null) {
      ByteBuf buf = (ByteBuf) message;
      out.append(buf.toString(StandardCharsets.ISO_8859_1));
      buf.release();
    }
    return out.toString();
  }

  /** Moves the event loop's time and runs the timers that came due. */
  Dialogue advance(Duration by) {
    channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
    channel.runPendingTasks();
    return this;
  }

  boolean open() {
    channel.runPendingTasks();
    return channel.isOpen();
  }

  EmbeddedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }

  /** An embedded channel that looks like a TCP connection from the given client address. */
  private static final class ClientChannel extends EmbeddedChannel {
    private final InetSocketAddress remote;

    ClientChannel(InetSocketAddress remote) {
      super(DefaultChannelId.newInstance(), false, false);
      this.remote = remote;
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return remote;
    }

    @Override
    protected SocketAddress localAddress0() {
      return new InetSocketAddress("127.0.0.1", 2525);
    }
  }
}
