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
 * @param embeddedFsync when the embedded server's append-only file reaches the disk: {@code
 *     everysec} (once a second: a crash of the machine loses at most the last second) or {@code
 *     always} (before each write is answered, like a mail server's fsync before {@code 250})
 */
public record RedisConfig(Optional<URI> uri, int embeddedPort, String embeddedFsync) {

  public RedisConfig {
    Objects.requireNonNull(uri, "uri");
    if (!embeddedFsync.equals("everysec") && !embeddedFsync.equals("always")) {
      throw new IllegalArgumentException(
          "embeddedFsync is everysec or always, not " + embeddedFsync);
    }
  }

  /** The embedded server syncing its append-only file once a second. */
  public RedisConfig(Optional<URI> uri, int embeddedPort) {
    this(uri, embeddedPort, "everysec");
  }
}
