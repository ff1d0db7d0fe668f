package io.herald.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real embedded Redis for a store test class: started once for the class in a temporary
 * directory, emptied before every test, stopped (and its files removed) after the class. Register
 * it as a static field with {@code @RegisterExtension}.
 */
final class LiveRedis implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final boolean cluster;
  private Path dir;
  private AutoCloseable server;
  private Redis redis;

  /** A single server. */
  LiveRedis() {
    this(false);
  }

  private LiveRedis(boolean cluster) {
    this.cluster = cluster;
  }

  /**
   * A Redis Cluster of one node that holds every slot: it refuses, as any cluster does, a command
   * or script whose keys are in different slots ({@code CROSSSLOT}).
   */
  static LiveRedis cluster() {
    return new LiveRedis(true);
  }

  /** The connection; valid from the class's first {@code @BeforeEach} on. */
  Redis redis() {
    return redis;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("herald-redis-test-");
    if (!cluster) {
      EmbeddedRedis single = EmbeddedRedis.start(dir, 0);
      server = single;
      redis = Redis.connect(single.uri());
      return;
    }
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    RedisServer node =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("dir " + dir.toAbsolutePath())
            .setting("cluster-enabled yes")
            .setting("cluster-config-file nodes.conf")
            .setting("appendonly no")
            .setting("daemonize no")
            .onShutdownForceStop(true)
            .build();
    node.start();
    server = node::stop;
    RedisClient admin = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
    try (StatefulRedisConnection<String, String> c = admin.connect()) {
      c.sync().clusterAddSlots(IntStream.range(0, SlotHash.SLOT_COUNT).toArray());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!c.sync().clusterInfo().contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the one-node cluster did not become ready");
        }
        Thread.onSpinWait();
      }
    } finally {
      admin.shutdown();
    }
    redis = Redis.connect(new RedisConnectionUri("redis-cluster://127.0.0.1:" + port));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    redis.sync().flushall();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    redis.close();
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
