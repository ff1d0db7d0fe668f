package io.herald.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared Lettuce connection to a Redis server or a Redis Cluster. Stores talk to it through
 * {@link RedisClusterCommands}, the command set that a single server and a cluster share, so the
 * same store code runs on both; that is also why every multi-key operation keeps its keys inside
 * one hash tag. Lettuce reconnects by itself when Redis restarts, and commands issued meanwhile
 * wait for the connection (bounded by the command timeout).
 */
public final class Redis implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);

  private final ClientResources resources;
  private final AutoCloseable client;
  private final java.util.function.Supplier<Dedicated> dedicated;
  private final AutoCloseable connection;
  private final RedisClusterCommands<String, String> sync;
  private final RedisClusterAsyncCommands<String, String> async;
  private final boolean cluster;
  // Each script's SHA-1, computed once: scripts are constants, so this stays small.
  private final Map<String, String> digests = new ConcurrentHashMap<>();

  private Redis(
      ClientResources resources,
      AutoCloseable client,
      java.util.function.Supplier<Dedicated> dedicated,
      AutoCloseable connection,
      RedisClusterCommands<String, String> sync,
      RedisClusterAsyncCommands<String, String> async,
      boolean cluster) {
    this.resources = resources;
    this.client = client;
    this.dedicated = dedicated;
    this.connection = connection;
    this.sync = sync;
    this.async = async;
    this.cluster = cluster;
  }

  /**
   * Runs a Lua script by its SHA-1 ({@code EVALSHA}), so that neither the client nor Redis handles
   * the script's text on every call; a server (or a cluster node) that does not know it yet answers
   * {@code NOSCRIPT}, and the script is then run with {@code EVAL}, which also loads it. The SMS
   * bench found every script sent whole, many times per message.
   */
  public <T> T eval(String script, ScriptOutputType type, String[] keys, String... values) {
    String digest = digest(script);
    try {
      return sync.evalsha(digest, type, keys, values);
    } catch (RedisNoScriptException e) {
      return sync.eval(script, type, keys, values);
    }
  }

  /** The script's SHA-1, as {@code EVALSHA} names it. */
  String digest(String script) {
    return digests.computeIfAbsent(script, Redis::sha1);
  }

  private static String sha1(String script) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 in this JDK", e);
    }
  }

  /** Connects, and fails fast with the (password-masked) URI when Redis cannot be reached. */
  public static Redis connect(RedisConnectionUri uri) {
    // Lettuce records every command's latency into histograms by default; Herald never reads them.
    ClientResources resources =
        DefaultClientResources.builder()
            .commandLatencyRecorder(CommandLatencyRecorder.disabled())
            .build();
    SocketOptions socket = SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build();
    try {
      if (uri.cluster()) {
        List<RedisURI> seeds =
            uri.lettuceUris().stream().map(seed -> withTimeout(RedisURI.create(seed))).toList();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(clusterOptions(socket));
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        return new Redis(
            resources,
            client::shutdown,
            () -> {
              StatefulRedisClusterConnection<String, String> own = client.connect();
              return new Dedicated(own, own.sync());
            },
            connection,
            connection.sync(),
            connection.async(),
            true);
      }
      RedisClient client =
          RedisClient.create(resources, withTimeout(RedisURI.create(uri.lettuceUris().getFirst())));
      client.setOptions(ClientOptions.builder().socketOptions(socket).autoReconnect(true).build());
      StatefulRedisConnection<String, String> connection = client.connect();
      return new Redis(
          resources,
          client::shutdown,
          () -> {
            StatefulRedisConnection<String, String> own = client.connect();
            return new Dedicated(own, own.sync());
          },
          connection,
          connection.sync(),
          connection.async(),
          false);
    } catch (RuntimeException e) {
      resources.shutdown();
      throw new IllegalStateException(
          "cannot connect to Redis at " + uri + ": " + e.getMessage(), e);
    }
  }

  /**
   * A cluster's topology changes under a running node (a replica takes over a dead master, slots
   * move): the client reads it again every few seconds and at once when a node keeps refusing
   * connections or answers {@code MOVED}/{@code ASK}, and a command for a node it cannot reach
   * fails at once instead of waiting for that node — Herald's loops retry it, and the retry goes to
   * the slot's new master. Without this, every node hung until restarted after a master failover.
   */
  private static ClusterClientOptions clusterOptions(SocketOptions socket) {
    return ClusterClientOptions.builder()
        .socketOptions(socket)
        .autoReconnect(true)
        .topologyRefreshOptions(
            ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                .refreshTriggersReconnectAttempts(2)
                .dynamicRefreshSources(true)
                .closeStaleConnections(true)
                .build())
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build();
  }

  private static RedisURI withTimeout(RedisURI uri) {
    uri.setTimeout(COMMAND_TIMEOUT);
    return uri;
  }

  /** Whether this is a Redis Cluster: a script's keys must then share a slot. */
  boolean cluster() {
    return cluster;
  }

  RedisClusterCommands<String, String> sync() {
    return sync;
  }

  RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /**
   * A connection of its own, for blocking commands (XREADGROUP … BLOCK): on the shared connection
   * they would hold up every other command behind them.
   */
  record Dedicated(AutoCloseable connection, RedisClusterCommands<String, String> sync)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        connection.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a Redis connection failed", e);
      }
    }
  }

  Dedicated dedicated() {
    return dedicated.get();
  }

  /** A round trip, for health checks and start-up. */
  public String ping() {
    return sync.ping();
  }

  @Override
  public void close() {
    try {
      connection.close();
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the Redis connection failed", e);
    } finally {
      resources.shutdown();
    }
  }
}
