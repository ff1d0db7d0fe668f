package io.herald.store.redis;

/**
 * Where Redis is: {@code redis://}, {@code rediss://} (TLS) for one server, or {@code
 * redis-cluster://host:port[,host:port]} for a Redis Cluster. Kept as text so that no Lettuce type
 * leaves this package; {@link #toString()} hides the password so the value can be logged.
 */
public record RedisConnectionUri(String value) {
  private static final String CLUSTER_SCHEME = "redis-cluster://";

  public boolean cluster() {
    return value.startsWith(CLUSTER_SCHEME);
  }

  /** The URI Lettuce understands: the cluster scheme becomes a plain seed URI. */
  String lettuceUri() {
    return cluster() ? "redis://" + value.substring(CLUSTER_SCHEME.length()) : value;
  }

  @Override
  public String toString() {
    return value.replaceAll("//[^@/]*@", "//***@");
  }
}
