package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option of the commands that run a node. */
final class ServerOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration (see config/herald.example.yml); HERALD_* overrides it")
  Path config;

  HeraldConfig load(Map<String, String> env) throws ConfigException {
    return ConfigLoader.load(Optional.ofNullable(config), env);
  }
}
