package io.herald.delivery.smtp;

import io.herald.delivery.SendOutcome;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The transport's counters: {@code herald_smtp_outcomes_total{destination,outcome}} per recipient
 * domain, and {@code herald_smtp_connections_total{destination,result}} per route, where result is
 * {@code opened} or {@code failed}.
 */
final class SmtpMetrics {
  private final MeterRegistry registry;

  SmtpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void outcome(String destination, SendOutcome outcome) {
    registry
        .counter("herald.smtp.outcomes", "destination", destination, "outcome", name(outcome))
        .increment();
  }

  void connectionOpened(String route) {
    registry
        .counter("herald.smtp.connections", "destination", route, "result", "opened")
        .increment();
  }

  void connectionFailed(String route) {
    registry
        .counter("herald.smtp.connections", "destination", route, "result", "failed")
        .increment();
  }

  static String name(SendOutcome outcome) {
    return switch (outcome) {
      case SendOutcome.Delivered d -> "delivered";
      case SendOutcome.Deferred d -> d.throttled() ? "throttled" : "deferred";
      case SendOutcome.Bounced b ->
          switch (b.kind()) {
            case HARD -> "bounced_hard";
            case SOFT -> "bounced_soft";
            case POLICY -> "bounced_policy";
          };
    };
  }
}
