package io.herald.channel.sms.smpp;

import io.herald.channel.sms.ReceiptState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The gateway's meters, each tagged with the SMSC connection's name: {@code
 * herald_sms_submits_total{smsc,result}} per {@code submit_sm} (accepted, throttled, deferred,
 * refused, timeout, failed), {@code herald_sms_reconnects_total{smsc,result}} (bound, failed), the
 * gauges {@code herald_sms_window_in_use}, {@code herald_sms_rate_limit} (submits per second now)
 * and {@code herald_sms_bound}, and what came back: {@code herald_sms_receipts_total{smsc,state}},
 * {@code herald_sms_replies_total{smsc}} and {@code herald_sms_inbound_unreadable_total{smsc}}.
 */
final class SmppMetrics {
  private final MeterRegistry registry;

  SmppMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void submit(String smsc, String result) {
    registry.counter("herald.sms.submits", "smsc", smsc, "result", result).increment();
  }

  void reconnect(String smsc, boolean bound) {
    registry
        .counter("herald.sms.reconnects", "smsc", smsc, "result", bound ? "bound" : "failed")
        .increment();
  }

  void gauges(
      String smsc, Supplier<Number> windowInUse, Supplier<Number> rate, Supplier<Number> bound) {
    Gauge.builder("herald.sms.window.in.use", windowInUse).tag("smsc", smsc).register(registry);
    Gauge.builder("herald.sms.rate.limit", rate).tag("smsc", smsc).register(registry);
    Gauge.builder("herald.sms.bound", bound).tag("smsc", smsc).register(registry);
  }

  void receipt(String smsc, ReceiptState state) {
    registry
        .counter(
            "herald.sms.receipts", "smsc", smsc, "state", state.name().toLowerCase(Locale.ROOT))
        .increment();
  }

  void reply(String smsc) {
    registry.counter("herald.sms.replies", "smsc", smsc).increment();
  }

  void inboundUnreadable(String smsc) {
    registry.counter("herald.sms.inbound.unreadable", "smsc", smsc).increment();
  }
}
