package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.HeraldConfig;
import io.herald.testing.TestNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus metrics name recipient domains and the smarthost, so the public port does not
 * serve them to anyone who asks: only the metrics listener does, bound to loopback by default.
 */
class MetricsEndpointTest {
  @TempDir Path data;

  @Test
  void thePublicPortDoesNotServeMetricsWithoutAToken() throws Exception {
    try (TestNode node = TestNode.start(data)) {
      HttpResponse<String> response =
          node.send(HttpRequest.newBuilder(node.url("/metrics")).GET().build());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).doesNotContain("herald_smtp");
    }
  }

  @Test
  void thePublicPortDoesNotServeMetricsEvenToTheAdmin() throws Exception {
    try (TestNode node = TestNode.start(data)) {
      HttpResponse<String> response = node.get("/metrics", TestNode.ADMIN_TOKEN);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).doesNotContain("herald_webhook");
    }
  }

  @Test
  void theMetricsListenerServesPrometheusTextOnItsOwnPort() throws Exception {
    try (TestNode node = TestNode.start(data)) {
      assertThat(node.node().metricsPort()).isPresent();
      assertThat(node.node().metricsPort().getAsInt()).isNotEqualTo(node.node().httpPort());

      HttpResponse<String> response =
          node.send(HttpRequest.newBuilder(node.metricsUrl("/metrics")).GET().build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body()).contains("herald_webhook_sent_total");
    }
  }

  @Test
  void theMetricsListenerAnswersNothingElse() throws Exception {
    try (TestNode node = TestNode.start(data)) {
      HttpResponse<String> health =
          node.send(HttpRequest.newBuilder(node.metricsUrl("/health")).GET().build());
      HttpResponse<String> post =
          node.send(
              HttpRequest.newBuilder(node.metricsUrl("/metrics"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build());

      assertThat(health.statusCode()).isEqualTo(404);
      assertThat(health.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.body()).contains("\"status\":405");
    }
  }

  @Test
  void aMetricsPortInUseStopsTheStartWithAReasonNamingTheKeys() throws Exception {
    HeraldConfig config = TestNode.config(data);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HeraldConfig clash = config.withMetrics(config.metrics().withPort(taken.getLocalPort()));
      assertThatThrownBy(() -> TestNode.start(clash, Clock.systemUTC()).close())
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("metrics.host/metrics.port: cannot listen on 127.0.0.1:");
    }
  }

  @Test
  void metricsCanBeTurnedOff() throws Exception {
    HeraldConfig config = TestNode.config(data);
    try (TestNode node =
        TestNode.start(
            config.withMetrics(config.metrics().withEnabled(false)), Clock.systemUTC())) {
      assertThat(node.node().metricsPort()).isEmpty();
      HttpResponse<String> response =
          node.send(HttpRequest.newBuilder(node.url("/metrics")).GET().build());
      assertThat(response.statusCode()).isEqualTo(404);
    }
  }
}
