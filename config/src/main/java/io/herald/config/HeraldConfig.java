package io.herald.config;

import java.util.Objects;

/**
 * The whole configuration of one Herald node, built once at start-up by {@link ConfigLoader} and
 * handed to the composition root, which passes each section to the component that needs it. It is a
 * tree of records so it is immutable, comparable in tests and impossible to half-initialise: there
 * is no setter to call late and no global to read from.
 *
 * @param http the HTTP server (API, tracking links, pages)
 * @param data local storage
 * @param redis the Redis server Herald uses, or the embedded one
 * @param policy sending policy (jurisdictions)
 * @param imports contact-file imports (YAML section {@code import}; {@code import} is a Java
 *     keyword)
 */
public record HeraldConfig(
    HttpConfig http,
    DataConfig data,
    RedisConfig redis,
    PolicyConfig policy,
    ImportConfig imports) {

  public HeraldConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(imports, "imports");
  }

  /** Every key at its documented default, as if started with no file and no environment. */
  public static HeraldConfig defaults() {
    return ConfigSchema.defaults();
  }
}
