package io.herald.store.redis;

import io.lettuce.core.ScriptOutputType;

/**
 * What the nodes sharing this Redis agreed their secrets are: {@code herald:cluster:secrets}, a
 * hash of one fingerprint per secret (keyed, so it tells nothing about the secret), written by the
 * first node that starts and compared by every later one.
 */
public final class RedisClusterSecrets {
  static final String KEY = "herald:cluster:secrets";

  private static final String RECORD =
      """
      redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
      return redis.call('HGET', KEYS[1], ARGV[1])
      """;

  private final Redis redis;

  public RedisClusterSecrets(Redis redis) {
    this.redis = redis;
  }

  /** Records {@code fingerprint} for {@code name} unless one is there; returns the one there. */
  public String agreed(String name, String fingerprint) {
    return redis.eval(RECORD, ScriptOutputType.VALUE, new String[] {KEY}, name, fingerprint);
  }
}
