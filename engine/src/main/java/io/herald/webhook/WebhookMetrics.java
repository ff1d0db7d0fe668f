package io.herald.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Webhooks in Prometheus: {@code herald_webhook_sent_total} (attempts an endpoint accepted with a
 * 2xx), {@code herald_webhook_retried_total} (failed attempts scheduled again), {@code
 * herald_webhook_failed_total} (deliveries given up after the last attempt); the queue's {@code
 * herald_webhook_events_dropped_total} is counted by {@link EventQueue}.
 */
final class WebhookMetrics {
  private final Counter sent;
  private final Counter retried;
  private final Counter failed;

  WebhookMetrics(MeterRegistry registry) {
    this.sent =
        Counter.builder("herald.webhook.sent")
            .description("webhook posts an endpoint accepted")
            .register(registry);
    this.retried =
        Counter.builder("herald.webhook.retried")
            .description("failed webhook posts scheduled for another attempt")
            .register(registry);
    this.failed =
        Counter.builder("herald.webhook.failed")
            .description("webhook deliveries given up after the last attempt")
            .register(registry);
  }

  void sent() {
    sent.increment();
  }

  void retried() {
    retried.increment();
  }

  void failed() {
    failed.increment();
  }
}
