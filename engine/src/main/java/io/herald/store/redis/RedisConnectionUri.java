package io.herald.store.redis;

/**
 * Where Redis is: {@code redis://}, {@code rediss://} (TLS) or {@code redis-sentinel://} for one
 * server, or {@code redis-cluster://host:port[,host:port]} ({@code rediss-cluster://} with TLS) for
 * a Redis Cluster. Kept as text so that no Lettuce type leaves this package; {@link #toString()}
 * hides the password so the value can be logged.
 */
public record RedisConnectionUri(String value) {
  public boolean cluster() {
    return value.startsWith("redis-cluster://") || value.startsWith("rediss-cluster://");
  }

  /** The seed URIs Lettuce understands: one, or one per cluster seed. */
  java.util.List<String> lettuceUris() {
    if (!cluster()) {
      return java.util.List.of(value);
    }
    String scheme = value.startsWith("rediss") ? "rediss://" : "redis://";
    String rest = value.substring(value.indexOf("://") + 3);
    int at = rest.lastIndexOf('@');
    String credentials = at < 0 ? "" : rest.substring(0, at + 1);
    String hosts = at < 0 ? rest : rest.substring(at + 1);
    return java.util.Arrays.stream(hosts.split(","))
        .map(seed -> scheme + credentials + seed.strip())
        .toList();
  }

  @Override
  public String toString() {
    return value.replaceAll("//[^@/]*@", "//***@");
  }
}
