package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default is a real redis-server whose data survives a restart. */
class EmbeddedRedisTest {
  @TempDir Path dir;

  @Test
  void dataWrittenBeforeAStopIsThereAfterTheNextStart() throws Exception {
    try (EmbeddedRedis server = EmbeddedRedis.start(dir, 0);
        Redis redis = Redis.connect(server.uri())) {
      redis.sync().set("herald:test", "kept");
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("appendonly"));

    try (EmbeddedRedis server = EmbeddedRedis.start(dir, 0);
        Redis redis = Redis.connect(server.uri())) {
      assertThat(redis.sync().get("herald:test")).isEqualTo("kept");
    }
  }

  @Test
  void itSyncsItsAppendOnlyFileAsConfigured() throws Exception {
    try (EmbeddedRedis server = EmbeddedRedis.startSyncing(dir, 0, "always");
        Redis redis = Redis.connect(server.uri())) {
      assertThat(redis.sync().configGet("appendfsync")).containsEntry("appendfsync", "always");
    }
    try (EmbeddedRedis server = EmbeddedRedis.start(dir, 0);
        Redis redis = Redis.connect(server.uri())) {
      assertThat(redis.sync().configGet("appendfsync")).containsEntry("appendfsync", "everysec");
    }
  }

  @Test
  void itRefusesClientsWithoutItsPassword() throws Exception {
    try (EmbeddedRedis server = EmbeddedRedis.start(dir, 0)) {
      RedisConnectionUri anonymous = new RedisConnectionUri("redis://127.0.0.1:" + server.port());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Redis.connect(anonymous).ping())
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void theUriHidesThePasswordWhenPrinted() {
    assertThat(new RedisConnectionUri("redis://:secret@127.0.0.1:6379").toString())
        .isEqualTo("redis://***@127.0.0.1:6379");
  }

  @Test
  void aClusterUriBecomesOneSeedPerHostWithTheCredentials() {
    assertThat(
            new RedisConnectionUri("redis-cluster://:pw@10.0.0.1:7000,10.0.0.2:7001").lettuceUris())
        .containsExactly("redis://:pw@10.0.0.1:7000", "redis://:pw@10.0.0.2:7001");
    assertThat(new RedisConnectionUri("rediss://h:6380").lettuceUris())
        .containsExactly("rediss://h:6380");
  }
}
