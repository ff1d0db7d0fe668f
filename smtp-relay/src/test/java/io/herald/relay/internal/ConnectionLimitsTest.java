package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelayLimit;
import io.herald.relay.RelayListener;
import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import io.herald.relay.internal.ConnectionLimits.Admission;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Total, per-address and per-network connection counting, and the reserve for newcomers. */
class ConnectionLimitsTest {

  private static InetAddress ip(String literal) {
    return InetAddress.ofLiteral(literal);
  }

  private static ConnectionLimits limits(RelaySettings.Builder settings) {
    return new ConnectionLimits(settings.build());
  }

  @Test
  void totalAndPerAddressLimits() {
    ConnectionLimits limits =
        limits(
            RelaySettings.builder()
                .maxConnections(3)
                .maxConnectionsPerIp(2)
                .maxConnectionsPerNetwork(3)
                .connectionReserve(0));
    assertThat(limits.tryAcquire(ip("192.0.2.1"))).isEqualTo(Admission.ADMITTED);
    assertThat(limits.tryAcquire(ip("192.0.2.1"))).isEqualTo(Admission.ADMITTED);
    assertThat(limits.tryAcquire(ip("192.0.2.1"))).isEqualTo(Admission.ADDRESS_FULL);
    assertThat(limits.tryAcquire(ip("198.51.100.2"))).isEqualTo(Admission.ADMITTED);
    assertThat(limits.tryAcquire(ip("203.0.113.3"))).isEqualTo(Admission.SERVER_FULL);
    limits.release(ip("192.0.2.1"));
    assertThat(limits.tryAcquire(ip("203.0.113.3"))).isEqualTo(Admission.ADMITTED);
    assertThat(limits.open()).isEqualTo(3);
  }

  @Test
  void addressesOfOneNetworkShareItsLimitIpv4Per24AndIpv6Per64() {
    ConnectionLimits limits =
        limits(RelaySettings.builder().maxConnectionsPerIp(2).maxConnectionsPerNetwork(3));
    assertThat(limits.tryAcquire(ip("192.0.2.1"))).isEqualTo(Admission.ADMITTED);
    assertThat(limits.tryAcquire(ip("192.0.2.1"))).isEqualTo(Admission.ADMITTED);
    assertThat(limits.tryAcquire(ip("192.0.2.200"))).isEqualTo(Admission.ADMITTED);
    assertThat(limits.tryAcquire(ip("192.0.2.201"))).isEqualTo(Admission.NETWORK_FULL);
    assertThat(limits.tryAcquire(ip("192.0.3.1"))).isEqualTo(Admission.ADMITTED);
    for (int i = 1; i <= 3; i++) {
      assertThat(limits.tryAcquire(ip("2001:db8:0:1::" + i))).isEqualTo(Admission.ADMITTED);
    }
    assertThat(limits.tryAcquire(ip("2001:db8:0:1:ffff::9"))).isEqualTo(Admission.NETWORK_FULL);
    assertThat(limits.tryAcquire(ip("2001:db8:0:2::1"))).isEqualTo(Admission.ADMITTED);
    limits.release(ip("192.0.2.200"));
    assertThat(limits.tryAcquire(ip("192.0.2.201"))).isEqualTo(Admission.ADMITTED);
  }

  @Test
  void oneAddressRangeCannotTakeEveryConnection() {
    // The attack: 256 addresses of one /24 each open as many connections as they are let.
    ConnectionLimits limits = limits(RelaySettings.builder());
    for (int host = 0; host < 256; host++) {
      fill(limits, ip("10.9.8." + host));
    }
    assertThat(limits.tryAcquire(ip("203.0.113.7"))).isEqualTo(Admission.ADMITTED);
  }

  @Test
  void aFewDozenAddressesInDifferentNetworksLeaveTheReserveToNewcomers() {
    // The attack: 60 addresses in 60 networks each open as many connections as they are let.
    ConnectionLimits limits = limits(RelaySettings.builder());
    for (int net = 0; net < 60; net++) {
      fill(limits, ip("10." + net + ".0.1"));
    }
    for (int newcomer = 1; newcomer <= 50; newcomer++) {
      assertThat(limits.tryAcquire(ip("203.0." + newcomer + ".7")))
          .as("newcomer %d", newcomer)
          .isEqualTo(Admission.ADMITTED);
    }
    assertThat(limits.tryAcquire(ip("10.0.0.2"))).isEqualTo(Admission.SERVER_FULL);
  }

  private static void fill(ConnectionLimits limits, InetAddress address) {
    for (int i = 0; i < 1000 && limits.tryAcquire(address) == Admission.ADMITTED; i++) {
      // keep opening, as the attacker does
    }
  }

  @Test
  void aRefusedConnectionIsAnsweredAndClosedBeforeAnyGreeting() {
    RelaySettings settings =
        RelaySettings.builder()
            .maxConnectionsPerIp(1)
            .maxConnectionsPerNetwork(1)
            .maxConnections(1)
            .connectionReserve(0)
            .build();
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

  @Test
  void theRefusalSaysWhichLimitWasReached() {
    RelaySettings settings = RelaySettings.builder().maxConnectionsPerIp(1).build();
    List<RelayLimit> reported = new ArrayList<>();
    RelayListener listener =
        new RelayListener() {
          @Override
          public void limitReached(RelayLimit limit, InetAddress client) {
            reported.add(limit);
          }
        };
    RelayRuntime runtime =
        RelayRuntime.of(
            settings, new TestBackend(), Runnable::run, Dialogue.CLOCK, Optional.empty(), listener);
    runtime.limits().tryAcquire(InetAddress.ofLiteral("192.0.2.10"));
    try (Dialogue d = new Dialogue(runtime)) {
      assertThat(d.take())
          .isEqualTo("421 4.7.0 Too many connections from your address, try again later\r\n");
      assertThat(d.open()).isFalse();
    }
    assertThat(reported).containsExactly(RelayLimit.CONNECTIONS_PER_ADDRESS);
  }
}
