package io.herald.config;

import java.util.Objects;

/**
 * The Prometheus metrics listener: a port of its own, apart from the public HTTP server, because
 * the metrics name recipient domains and the smarthost and Prometheus scrapes without a token. It
 * binds to loopback unless the operator names a private interface its scraper can reach.
 *
 * @param enabled whether the listener runs at all
 * @param host address to bind; {@code 127.0.0.1} by default
 * @param port TCP port; 0 lets the operating system choose a free one (tests)
 */
public record MetricsConfig(boolean enabled, String host, int port) {
  public MetricsConfig {
    Objects.requireNonNull(host, "host");
  }

  /** The same listener on another port (tests and the demo use 0). */
  public MetricsConfig withPort(int next) {
    return new MetricsConfig(enabled, host, next);
  }

  /** The same listener, on or off. */
  public MetricsConfig withEnabled(boolean next) {
    return new MetricsConfig(next, host, port);
  }
}
