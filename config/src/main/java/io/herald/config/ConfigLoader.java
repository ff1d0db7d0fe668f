package io.herald.config;

import io.herald.config.YamlConfigFile.Raw;
import io.herald.config.YamlConfigFile.Setting;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@link HeraldConfig} a node starts with: schema defaults, then the YAML file, then
 * {@code HERALD_*} environment variables, each later source winning key by key. The environment is
 * a parameter rather than read from {@link System#getenv()} so tests pass a plain map and nothing
 * depends on process state. Loading is all-or-nothing: the first unknown key or bad value stops it
 * with a {@link ConfigException} naming the key and where it came from, so a typo never silently
 * falls back to a default.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param file the YAML file; empty means defaults plus environment only
   * @param env the environment ({@code System.getenv()} in production); variables that start with
   *     {@code HERALD_} but name no key (such as {@code HERALD_API_KEY}) are ignored
   * @throws ConfigException naming the key, the source and what was expected
   */
  public static HeraldConfig load(Optional<Path> file, Map<String, String> env)
      throws ConfigException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(env, "env");
    ConfigSchema.Values values = new ConfigSchema.Values();
    if (file.isPresent()) {
      for (Setting s : YamlConfigFile.read(file.get())) {
        apply(values, s.key(), s.raw(), s.source());
      }
    }
    for (ConfigKey<?> key : ConfigSchema.KEYS) {
      String text = env.get(key.envName());
      if (text != null) {
        apply(values, key, new Raw.Text(text), key.envName());
      }
    }
    try {
      return ConfigSchema.assemble(values);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage()); // keys that are each valid but do not fit together
    }
  }

  private static <T> void apply(
      ConfigSchema.Values values, ConfigKey<T> key, Raw raw, String source) throws ConfigException {
    try {
      T value =
          switch (raw) {
            case Raw.Text t -> key.type().fromText(t.text());
            case Raw.Items i -> key.type().fromItems(i.items());
            case Raw.Mappings m -> key.type().fromMappings(m.items());
            case Raw.Unusable u -> throw new InvalidValue(u.got());
          };
      values.put(key, value);
    } catch (InvalidValue e) {
      throw new ConfigException(
          key.path()
              + e.where()
              + ": expected "
              + e.expectedOr(key.type().expected())
              + ", got "
              + e.got()
              + " (from "
              + source
              + ")");
    }
  }
}
