package io.herald.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster on loopback for tests: {@code masters} masters, each with one replica, made
 * of the embedded {@code redis-server} binary Herald ships, with a short {@code
 * cluster-node-timeout} so that a replica takes over a killed master within seconds. A master can
 * be killed with SIGKILL.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Duration NODE_TIMEOUT = Duration.ofMillis(1500);

  /** One server of the cluster. */
  public record Node(int port, RedisServer server) {}

  private final List<Node> nodes;
  private final RedisClient admin = RedisClient.create();

  private LocalCluster(List<Node> nodes) {
    this.nodes = nodes;
  }

  /** Starts the servers, gives the masters the slots in equal ranges and a replica each. */
  public static LocalCluster start(Path dir, int masters) throws Exception {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < masters * 2; i++) {
      int port = freePort();
      Path own = Files.createDirectories(dir.resolve("node-" + port));
      RedisServer server =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("dir " + own.toAbsolutePath())
              .setting("cluster-enabled yes")
              .setting("cluster-config-file nodes.conf")
              .setting("cluster-node-timeout " + NODE_TIMEOUT.toMillis())
              .setting("appendonly yes")
              .setting("daemonize no")
              .onShutdownForceStop(true)
              .build();
      server.start();
      nodes.add(new Node(port, server));
    }
    LocalCluster cluster = new LocalCluster(nodes);
    cluster.form(masters);
    return cluster;
  }

  private void form(int masters) throws Exception {
    for (Node n : nodes) {
      admin(n.port(), c -> c.sync().clusterMeet("127.0.0.1", nodes.getFirst().port()));
    }
    int per = SlotHash.SLOT_COUNT / masters;
    for (int m = 0; m < masters; m++) {
      int from = m * per;
      int to = m == masters - 1 ? SlotHash.SLOT_COUNT : from + per;
      admin(
          nodes.get(m).port(), c -> c.sync().clusterAddSlots(IntStream.range(from, to).toArray()));
    }
    for (int m = 0; m < masters; m++) {
      String masterId = admin(nodes.get(m).port(), c -> c.sync().clusterMyId());
      int replica = nodes.get(masters + m).port();
      // The replica must know the master first: wait until the meeting has spread.
      Await.until(() -> admin(replica, c -> c.sync().clusterNodes()), s -> s.contains(masterId));
      admin(replica, c -> c.sync().clusterReplicate(masterId));
    }
    awaitHealthy();
  }

  /** Waits until every live node says the cluster is ok and every slot is served. */
  public void awaitHealthy() throws Exception {
    for (Node n : nodes) {
      if (n.server().isActive()) {
        Await.until(
            () -> admin(n.port(), c -> c.sync().clusterInfo()),
            s -> s.contains("cluster_state:ok"),
            Duration.ofSeconds(60));
      }
    }
  }

  /** {@code redis-cluster://…} with every node as a seed. */
  public String uri() {
    return "redis-cluster://"
        + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /** The port of the master that serves {@code key}'s slot now. */
  public int masterOf(String key) throws Exception {
    int slot = SlotHash.getSlot(key);
    for (Node n : nodes) {
      if (!n.server().isActive()) {
        continue;
      }
      String info = admin(n.port(), c -> c.sync().info("replication"));
      if (!info.contains("role:master")) {
        continue;
      }
      String mine = admin(n.port(), c -> c.sync().clusterMyId());
      for (String line : admin(n.port(), c -> c.sync().clusterNodes()).split("\n")) {
        String[] f = line.split(" ");
        if (f[0].equals(mine)) {
          for (int i = 8; i < f.length; i++) {
            String[] range = f[i].split("-");
            int lo = Integer.parseInt(range[0]);
            int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
            if (slot >= lo && slot <= hi) {
              return n.port();
            }
          }
        }
      }
    }
    throw new IllegalStateException("no live master serves the slot of " + key);
  }

  /** Whether a live master serves {@code key}'s slot (false while a failover is under way). */
  public boolean servesSlotOf(String key) throws Exception {
    try {
      masterOf(key);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** SIGKILL for the server on {@code port}: no shutdown, no last save. */
  public void kill(int port) throws Exception {
    long pid =
        Long.parseLong(
            admin(port, c -> c.sync().info("server"))
                .lines()
                .filter(l -> l.startsWith("process_id:"))
                .findFirst()
                .orElseThrow()
                .substring("process_id:".length())
                .strip());
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    Node node = nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
    node.server().stop(); // the library's bookkeeping: the process is gone already
  }

  /** The number of keys each live master holds, by port. */
  public java.util.Map<Integer, Long> keysPerMaster() throws Exception {
    java.util.Map<Integer, Long> keys = new java.util.TreeMap<>();
    for (Node n : nodes) {
      if (n.server().isActive()
          && admin(n.port(), c -> c.sync().info("replication")).contains("role:master")) {
        keys.put(n.port(), admin(n.port(), c -> c.sync().dbsize()));
      }
    }
    return keys;
  }

  private interface Call<T> {
    T on(StatefulRedisConnection<String, String> c) throws Exception;
  }

  private <T> T admin(int port, Call<T> call) throws Exception {
    try (StatefulRedisConnection<String, String> c =
        admin.connect(RedisURI.create("redis://127.0.0.1:" + port))) {
      return call.on(c);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      try {
        n.server().stop();
      } catch (Exception e) {
        // already gone
      }
    }
    admin.shutdown();
  }
}
