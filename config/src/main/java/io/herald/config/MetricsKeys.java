package io.herald.config;

import static io.herald.config.ConfigSchema.PORT;
import static io.herald.config.ValueTypes.host;
import static io.herald.config.ValueTypes.port;

import java.util.List;

/**
 * The {@code metrics.*} keys: where the Prometheus listener binds. Declared apart from {@link
 * ConfigSchema} to keep each file to one section; the schema lists them and assembles {@link
 * MetricsConfig}.
 */
final class MetricsKeys {
  private MetricsKeys() {}

  static final ConfigKey<String> METRICS_ENABLED =
      ConfigKey.of(
          "metrics.enabled",
          ValueTypes.oneOf(List.of("true", "false"), "true or false"),
          "true",
          "Serve Prometheus metrics (GET /metrics) on a listener of their own; false serves them"
              + " nowhere. The public HTTP port never serves them.");
  static final ConfigKey<String> METRICS_HOST =
      ConfigKey.of(
          "metrics.host",
          host("a host name or IP address"),
          "127.0.0.1",
          "Address the metrics listener binds to: loopback by default, since it answers without a"
              + " token; a private interface if Prometheus scrapes from another host.");
  static final ConfigKey<Integer> METRICS_PORT =
      ConfigKey.of(
          "metrics.port",
          port(PORT),
          "8081",
          "TCP port of the metrics listener; 0 lets the operating system pick a free port.");

  static final List<ConfigKey<?>> KEYS = List.of(METRICS_ENABLED, METRICS_HOST, METRICS_PORT);

  static MetricsConfig assemble(ConfigSchema.Values v) {
    return new MetricsConfig(
        Boolean.parseBoolean(v.get(METRICS_ENABLED)), v.get(METRICS_HOST), v.get(METRICS_PORT));
  }
}
