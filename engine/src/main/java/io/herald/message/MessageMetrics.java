package io.herald.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Transactional mail in Prometheus: {@code herald_messages_submitted_total{source,replayed}},
 * {@code herald_messages_recipients_total{source}} (copies queued), {@code
 * herald_messages_outcomes_total{outcome}} (delivered, deferred, bounced_hard, bounced_soft,
 * bounced_policy, suppressed, failed) and {@code herald_messages_delivery_seconds} (acceptance to
 * delivery).
 */
public final class MessageMetrics {
  private final MeterRegistry registry;
  private final Timer latency;

  public MessageMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("herald.messages.delivery")
            .description("time from acceptance to delivery of a transactional copy")
            .register(registry);
  }

  void submitted(String source, boolean replayed, int recipients) {
    Counter.builder("herald.messages.submitted")
        .tag("source", source)
        .tag("replayed", Boolean.toString(replayed))
        .register(registry)
        .increment();
    if (recipients > 0) {
      Counter.builder("herald.messages.recipients")
          .tag("source", source)
          .register(registry)
          .increment(recipients);
    }
  }

  void outcome(String outcome) {
    Counter.builder("herald.messages.outcomes")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void delivered(Duration sinceAccepted) {
    latency.record(sinceAccepted);
  }
}
