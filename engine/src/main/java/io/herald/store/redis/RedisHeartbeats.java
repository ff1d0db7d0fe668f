package io.herald.store.redis;

import io.herald.work.NodeLiveness;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Nodes' heartbeats: {@code herald:node:<consumer>} with an expiry, one key per node (on a cluster
 * each in a slot of its own; they are read one by one, pipelined).
 */
public final class RedisHeartbeats implements NodeLiveness.Beats {
  private final Redis redis;

  public RedisHeartbeats(Redis redis) {
    this.redis = redis;
  }

  static String key(String node) {
    return "herald:node:" + node;
  }

  @Override
  public void beat(String node, Duration ttl) {
    redis.sync().set(key(node), "1", SetArgs.Builder.px(ttl.toMillis()));
  }

  @Override
  public Set<String> alive(Collection<String> nodes) {
    Map<String, RedisFuture<Long>> asked = new LinkedHashMap<>();
    for (String node : nodes) {
      asked.put(node, redis.async().exists(key(node)));
    }
    Set<String> alive = new HashSet<>();
    try {
      for (Map.Entry<String, RedisFuture<Long>> e : asked.entrySet()) {
        Long found = e.getValue().get();
        if (found != null && found > 0) {
          alive.add(e.getKey());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading heartbeats", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading heartbeats failed: " + e.getCause(), e.getCause());
    }
    return alive;
  }

  @Override
  public void forget(String node) {
    redis.sync().del(key(node));
  }
}
