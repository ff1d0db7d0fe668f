package io.herald.relay;

import io.herald.relay.internal.RelayInitializer;
import io.herald.relay.internal.RelayRuntime;
import io.herald.relay.internal.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An ESMTP server on one address, answering for a {@link RelayBackend}.
 *
 * <p>{@link #start()} binds and returns the bound address (useful with port 0); {@link #close()}
 * stops accepting, lets backend calls in progress finish (up to a grace period) so their replies
 * reach the clients, then closes every connection. Netty event loops only frame and parse; the
 * backend runs on virtual threads. One instance serves one {@code start}/{@code close} cycle.
 */
public final class RelayServer implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(20);

  private final RelaySettings settings;
  private final RelayBackend backend;
  private final RelayListener events;
  private final Clock clock;
  private EventLoopGroup acceptor;
  private EventLoopGroup workers;
  private ExecutorService blocking;
  private Channel listener;
  private RelayRuntime runtime;

  /**
   * A server that is not listening yet.
   *
   * @param clock for trace headers and the self-signed certificate's validity
   */
  public RelayServer(RelaySettings settings, RelayBackend backend, Clock clock) {
    this(settings, backend, RelayListener.NONE, clock);
  }

  /**
   * A server that is not listening yet and reports refused or cut clients to {@code listener}.
   *
   * @param clock for trace headers, the self-signed certificate's validity and the window of failed
   *     AUTHs
   */
  public RelayServer(
      RelaySettings settings, RelayBackend backend, RelayListener listener, Clock clock) {
    this.settings = settings;
    this.backend = backend;
    this.events = listener;
    this.clock = clock;
  }

  /**
   * Prepares TLS (generating the self-signed certificate on first start) and binds.
   *
   * @return the bound address, with the real port when the settings asked for port 0
   * @throws IOException when TLS files cannot be read or written, or the address cannot be bound
   */
  public synchronized InetSocketAddress start() throws IOException {
    if (listener != null) {
      throw new IllegalStateException("relay already started");
    }
    Optional<SslContext> tls = TlsContexts.create(settings.tls(), settings.serverName(), clock);
    Files.createDirectories(settings.spoolDirectory());
    blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("relay-", 0).factory());
    runtime = RelayRuntime.of(settings, backend, blocking, clock, tls, events);
    acceptor = new NioEventLoopGroup(1);
    workers = new NioEventLoopGroup();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptor, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 256)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new RelayInitializer(runtime));
    ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      shutdownGroups();
      throw new IOException(
          "cannot listen on " + settings.host() + ":" + settings.port(), bound.cause());
    }
    listener = bound.channel();
    return (InetSocketAddress) listener.localAddress();
  }

  /**
   * Connections admitted and not yet closed, as the connection limits count them (a client's close
   * is counted once the server has seen it); 0 before {@link #start()}.
   */
  public synchronized int openConnections() {
    return runtime == null ? 0 : runtime.openConnections();
  }

  /** Stops accepting, waits for backend calls in progress, then closes all connections. */
  @Override
  public synchronized void close() {
    if (listener == null) {
      return;
    }
    listener.close().syncUninterruptibly();
    blocking.shutdown();
    try {
      blocking.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutdownGroups();
    listener = null;
  }

  private void shutdownGroups() {
    acceptor.shutdownGracefully(0, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    blocking.shutdownNow();
  }
}
