package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.config.TrackingConfig;
import io.herald.store.redis.EmbeddedRedis;
import io.herald.testing.TestNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes of one Herald share a Redis, and must share its secrets: a node whose tracking secret or
 * admin token differs from the cluster's refuses to start, with a message that says which and what
 * to do, instead of sealing links the other nodes cannot open (or answering to another token).
 */
class ClusterSecretsTest {
  private static final String SECRET = "cluster-test-tracking-secret-0123456789abcdef";

  @TempDir Path redisDir;
  @TempDir Path dataA;
  @TempDir Path dataB;
  @TempDir Path dataC;

  HeraldConfig config(EmbeddedRedis redis, Path data, Optional<String> secret) {
    HeraldConfig base = TestNode.config(data);
    return base.withTracking(new TrackingConfig(base.tracking().baseUrl(), secret))
        .withRedis(new RedisConfig(Optional.of(URI.create(redis.uri().value())), 0));
  }

  @Test
  void aNodeWithAnotherSecretThanTheClustersRefusesToStart() throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start(redisDir, 0);
        HeraldNode first =
            HeraldNode.start(
                config(redis, dataA, Optional.of(SECRET)),
                Optional.of(TestNode.ADMIN_TOKEN),
                Clock.systemUTC());
        HeraldNode same =
            HeraldNode.start(
                config(redis, dataB, Optional.of(SECRET)),
                Optional.of(TestNode.ADMIN_TOKEN),
                Clock.systemUTC())) {
      assertThat(same.httpPort()).isPositive();

      // No secret given: this node would generate its own into its data directory.
      assertThatThrownBy(
              () ->
                  HeraldNode.start(
                      config(redis, dataC, Optional.empty()),
                      Optional.of(TestNode.ADMIN_TOKEN),
                      Clock.systemUTC()))
          .hasMessageContaining("tracking.secret")
          .hasMessageContaining("differs from the one the other nodes");
      assertThatThrownBy(
              () ->
                  HeraldNode.start(
                      config(redis, dataC, Optional.of(SECRET)),
                      Optional.of("ha_another-admin-token"),
                      Clock.systemUTC()))
          .hasMessageContaining("admin token")
          .hasMessageContaining("HERALD_ADMIN_TOKEN");
    }
  }
}
