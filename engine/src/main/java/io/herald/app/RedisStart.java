package io.herald.app;

import io.herald.config.HeraldConfig;
import io.herald.store.redis.EmbeddedRedis;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisConnectionUri;
import java.io.IOException;
import java.util.Deque;

/** A node's Redis: the one {@code redis.uri} names, or an embedded server started here. */
final class RedisStart {
  private RedisStart() {}

  /**
   * Connects (starting the embedded server first when no URI is set) and checks the connection;
   * what it started is pushed on {@code resources}, to be closed by the node.
   */
  static Redis connect(HeraldConfig config, Deque<AutoCloseable> resources) throws IOException {
    RedisConnectionUri uri;
    if (config.redis().uri().isPresent()) {
      uri = new RedisConnectionUri(config.redis().uri().get().toString());
    } else {
      EmbeddedRedis embedded =
          EmbeddedRedis.startSyncing(
              config.data().dir().resolve("redis"),
              config.redis().embeddedPort(),
              config.redis().embeddedFsync());
      resources.push(embedded);
      uri = embedded.uri();
    }
    Redis redis = Redis.connect(uri);
    resources.push(redis);
    redis.ping();
    return redis;
  }
}
