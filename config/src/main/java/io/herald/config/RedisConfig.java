package io.herald.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Redis Herald stores its state in. Without a URI Herald starts an embedded {@code
 * redis-server} with its data under {@link DataConfig#dir()}, so a single node runs with nothing
 * else installed; a URI points every node of a cluster at a shared server instead.
 *
 * @param uri a {@code redis://}, {@code rediss://}, {@code redis-sentinel://} or {@code
 *     redis-cluster://host:port[,host:port]} (Redis Cluster) URI; empty to start the embedded
 *     server
 * @param embeddedPort port of the embedded server; 0 picks a free port at start
 */
public record RedisConfig(Optional<URI> uri, int embeddedPort) {

  public RedisConfig {
    Objects.requireNonNull(uri, "uri");
  }
}
