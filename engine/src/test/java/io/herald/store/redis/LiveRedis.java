package io.herald.store.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded Redis for a store test class: started once for the class in a temporary
 * directory, emptied before every test, stopped (and its files removed) after the class. Register
 * it as a static field with {@code @RegisterExtension}.
 */
final class LiveRedis implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private Path dir;
  private EmbeddedRedis server;
  private Redis redis;

  /** The connection; valid from the class's first {@code @BeforeEach} on. */
  Redis redis() {
    return redis;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("herald-redis-test-");
    server = EmbeddedRedis.start(dir, 0);
    redis = Redis.connect(server.uri());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    redis.sync().flushall();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    redis.close();
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
