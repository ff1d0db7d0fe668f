package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Total and per-address connection counting. */
class ConnectionLimitsTest {

  @Test
  void totalAndPerAddressLimits() {
    InetAddress a = InetAddress.ofLiteral("192.0.2.1");
    InetAddress b = InetAddress.ofLiteral("192.0.2.2");
    InetAddress c = InetAddress.ofLiteral("192.0.2.3");
    ConnectionLimits limits = new ConnectionLimits(3, 2);
    assertThat(limits.tryAcquire(a)).isTrue();
    assertThat(limits.tryAcquire(a)).isTrue();
    assertThat(limits.tryAcquire(a)).as("per address").isFalse();
    assertThat(limits.tryAcquire(b)).isTrue();
    assertThat(limits.tryAcquire(c)).as("in total").isFalse();
    limits.release(a);
    assertThat(limits.tryAcquire(c)).isTrue();
    assertThat(limits.open()).isEqualTo(3);
  }

  @Test
  void aRefusedConnectionIsAnsweredAndClosedBeforeAnyGreeting() {
    RelaySettings settings =
        RelaySettings.builder().maxConnectionsPerIp(1).maxConnections(1).build();
    RelayRuntime runtime =
        RelayRuntime.of(
            settings, new TestBackend(), Runnable::run, Dialogue.CLOCK, java.util.Optional.empty());
    runtime.limits().tryAcquire(InetAddress.ofLiteral("198.51.100.7"));
    try (Dialogue d = new Dialogue(runtime)) {
      assertThat(d.take()).isEqualTo("421 4.7.0 Too many connections, try again later\r\n");
      assertThat(d.open()).isFalse();
    }
    assertThat(runtime.limits().open()).isEqualTo(1);
  }
}
