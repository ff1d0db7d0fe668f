package io.herald.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelayLimit;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** What the relay library reports reaches Prometheus under Herald's names. */
class RelayMetricsTest {

  @Test
  void authFailuresAndEachLimitAreCountedApart() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RelayMetrics metrics = new RelayMetrics(registry);
    InetAddress client = InetAddress.ofLiteral("192.0.2.9");
    metrics.authFailed(client);
    metrics.authFailed(client);
    metrics.limitReached(RelayLimit.AUTH_FAILURES, client);
    metrics.limitReached(RelayLimit.DATA_RATE, client);
    metrics.limitReached(RelayLimit.DATA_RATE, client);
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("herald_relay_auth_failures_total 2.0")
        .contains("herald_relay_refused_total{limit=\"auth_failures\"} 1.0")
        .contains("herald_relay_refused_total{limit=\"data_rate\"} 2.0")
        .contains("herald_relay_refused_total{limit=\"session_time\"} 0.0");
  }
}
