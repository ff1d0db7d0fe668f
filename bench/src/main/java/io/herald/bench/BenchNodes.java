package io.herald.bench;

import io.herald.config.DataConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import java.nio.file.Path;

/**
 * The configuration every bench node starts from: the defaults, with its data under {@code dataDir}
 * and its HTTP, relay and metrics listeners on loopback ports the system picks, so that a bench
 * runs beside a server on the default ports.
 */
final class BenchNodes {
  private BenchNodes() {}

  static HeraldConfig config(Path dataDir) {
    HeraldConfig defaults = HeraldConfig.defaults();
    return defaults
        .withHttp(new HttpConfig("127.0.0.1", 0, defaults.http().maxUploadBytes()))
        .withRelay(defaults.relay().withPort(0))
        .withMetrics(defaults.metrics().withPort(0))
        .withData(new DataConfig(dataDir))
        // Throughput is measured, not the plans (R9): the free plan's quota would stop the run.
        .withoutQuotas();
  }
}
