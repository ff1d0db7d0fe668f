package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lua scripts run by their SHA-1 on a real Redis: the first call finds the script unknown and runs
 * it whole (loading it), later calls send only the digest, and a server that lost its script cache
 * (a restart, {@code SCRIPT FLUSH}, a cluster node that never saw it) is answered by running the
 * script whole again — no call fails for it.
 */
class RedisScriptsTest {
  @RegisterExtension static final LiveRedis live = new LiveRedis();

  private static final String INCR =
      "return redis.call('INCRBY', KEYS[1], ARGV[1])"; // a script no other test uses

  @Test
  void aScriptRunsByItsDigestAndSurvivesALostScriptCache() {
    Redis redis = live.redis();
    redis.sync().scriptFlush();

    Long first = redis.eval(INCR, ScriptOutputType.INTEGER, new String[] {"herald:t:n"}, "2");
    assertThat(first).isEqualTo(2);
    // Loaded by the first call: Redis now knows the script by its digest.
    assertThat(redis.sync().scriptExists(sha1(INCR))).containsExactly(true);
    Long second = redis.eval(INCR, ScriptOutputType.INTEGER, new String[] {"herald:t:n"}, "3");
    assertThat(second).isEqualTo(5);

    redis.sync().scriptFlush();
    Long third = redis.eval(INCR, ScriptOutputType.INTEGER, new String[] {"herald:t:n"}, "4");
    assertThat(third).isEqualTo(9);
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
