package io.herald.store.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (the binary shipped in the embedded-redis artifact) started by Herald
 * itself when no {@code redis.uri} is configured, so that Herald runs with nothing to install. Data
 * and the append-only file live under {@code <data.dir>/redis} and survive a restart. It listens on
 * loopback only and requires a password generated per start, so other local users cannot reach it.
 * A server left running by a Herald that was killed is stopped before a new one starts on the same
 * directory: two servers appending to one AOF would corrupt it.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(10);

  private final RedisServer server;
  private final int port;
  private final String password;

  private EmbeddedRedis(RedisServer server, int port, String password) {
    this.server = server;
    this.port = port;
    this.password = password;
  }

  /** Starts a server with its data under {@code dir}; {@code port} 0 picks a free port. */
  public static EmbeddedRedis start(Path dir, int port) throws IOException {
    return start(dir, port, randomPassword());
  }

  /**
   * Starts a server whose append-only file is synced {@code fsync} ({@code everysec} or {@code
   * always}); {@code port} 0 picks a free port.
   */
  public static EmbeddedRedis startSyncing(Path dir, int port, String fsync) throws IOException {
    return start(dir, port, randomPassword(), fsync);
  }

  /**
   * Starts a server with a given password: a restart on the same port and password looks, to
   * connected clients, like the same server coming back (tests of Redis restarts use this).
   */
  public static EmbeddedRedis start(Path dir, int port, String password) throws IOException {
    return start(dir, port, password, "everysec");
  }

  /**
   * Starts a server whose append-only file is synced {@code fsync}: {@code everysec} or {@code
   * always} (before each write is answered).
   */
  public static EmbeddedRedis start(Path dir, int port, String password, String fsync)
      throws IOException {
    Files.createDirectories(dir);
    Path pidFile = dir.resolve("redis.pid");
    stopOrphan(pidFile);
    int actualPort = port == 0 ? freeLoopbackPort() : port;
    RedisServer server =
        RedisServer.newRedisServer()
            .port(actualPort)
            .bind("127.0.0.1")
            .setting("dir " + dir.toAbsolutePath())
            .setting("pidfile " + pidFile.toAbsolutePath())
            .setting("appendonly yes")
            .setting("appendfsync " + fsync)
            .setting("save 900 1 300 100 60 10000")
            .setting("protected-mode yes")
            // An import's commit RENAMEs over the old list; free the old one in the background.
            .setting("lazyfree-lazy-server-del yes")
            .setting("requirepass " + password)
            .setting("daemonize no")
            .onShutdownForceStop(true)
            .build();
    server.start();
    return new EmbeddedRedis(server, actualPort, password);
  }

  /** The Redis URI for Lettuce, with the password of this start. */
  public RedisConnectionUri uri() {
    return new RedisConnectionUri("redis://:" + password + "@127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded redis-server", e);
    }
  }

  private static void stopOrphan(Path pidFile) throws IOException {
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of);
    if (orphan.isPresent() && isRedisServer(orphan.get())) {
      ProcessHandle process = orphan.get();
      process.destroy();
      try {
        process.onExit().get(ORPHAN_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
    Files.deleteIfExists(pidFile);
  }

  private static Optional<Long> readPid(Path pidFile) throws IOException {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isRedisServer(ProcessHandle process) {
    return process.info().command().map(c -> c.contains("redis-server")).orElse(false);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
