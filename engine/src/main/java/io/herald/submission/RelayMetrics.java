package io.herald.submission;

import io.herald.relay.RelayLimit;
import io.herald.relay.RelayListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The relay's defences in Prometheus: {@code herald_relay_auth_failures_total} (AUTHs with wrong
 * credentials: password guessing shows here first) and {@code herald_relay_refused_total{limit}}
 * (clients refused or cut, one series per {@link RelayLimit}, e.g. {@code auth_failures}, {@code
 * data_rate}, {@code connections_per_network}). Counting only: the relay calls it on event loops.
 */
final class RelayMetrics implements RelayListener {
  private final Counter authFailures;
  private final Map<RelayLimit, Counter> refused = new EnumMap<>(RelayLimit.class);

  RelayMetrics(MeterRegistry registry) {
    this.authFailures =
        Counter.builder("herald.relay.auth.failures")
            .description("relay AUTHs whose credentials were not accepted")
            .register(registry);
    for (RelayLimit limit : RelayLimit.values()) {
      refused.put(
          limit,
          Counter.builder("herald.relay.refused")
              .description("relay clients refused or disconnected by a limit")
              .tag("limit", limit.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  @Override
  public void authFailed(InetAddress client) {
    authFailures.increment();
  }

  @Override
  public void limitReached(RelayLimit limit, InetAddress client) {
    refused.get(limit).increment();
  }
}
