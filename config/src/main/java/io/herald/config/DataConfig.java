package io.herald.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where this node keeps files on local disk (the embedded Redis data and its append-only file,
 * staged imports). One directory rather than one key per file so an operator backs up or mounts a
 * single volume.
 *
 * @param dir the data directory; relative paths resolve against the working directory
 */
public record DataConfig(Path dir) {

  public DataConfig {
    Objects.requireNonNull(dir, "dir");
  }
}
