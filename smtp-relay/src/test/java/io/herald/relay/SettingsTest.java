package io.herald.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Settings validation and trusted-network ranges. */
class SettingsTest {

  @Test
  void defaultsAreValid() {
    RelaySettings settings = RelaySettings.builder().build();
    assertThat(settings.port()).isEqualTo(2525);
    assertThat(settings.allowPlainAuth()).isFalse();
    assertThat(settings.tlsConfigured()).isFalse();
  }

  @Test
  void outOfRangeValuesNameTheSetting() {
    assertThatThrownBy(() -> RelaySettings.builder().maxLineLength(100).build())
        .hasMessageContaining("maxLineLength");
    assertThatThrownBy(() -> RelaySettings.builder().maxConnections(5).build())
        .hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> RelaySettings.builder().maxConnectionsPerNetwork(950).build())
        .hasMessageContaining(
            "maxConnectionsPerNetwork must be <= maxConnections - connectionReserve");
    assertThatThrownBy(() -> RelaySettings.builder().connectionReserve(1000).build())
        .hasMessageContaining("connectionReserve");
    assertThatThrownBy(() -> RelaySettings.builder().serverName("bad name").build())
        .hasMessageContaining("serverName");
    assertThatThrownBy(() -> RelaySettings.builder().trustedNetwork("localhost"))
        .hasMessageContaining("localhost");
    assertThatThrownBy(() -> RelaySettings.builder().trustedNetwork("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void networkRanges() throws Exception {
    NetworkRange ten = NetworkRange.parse("10.1.2.3/8");
    assertThat(ten.toString()).isEqualTo("10.0.0.0/8");
    assertThat(ten.contains(InetAddress.ofLiteral("10.200.0.1"))).isTrue();
    assertThat(ten.contains(InetAddress.ofLiteral("11.0.0.1"))).isFalse();
    assertThat(ten.contains(InetAddress.ofLiteral("::1"))).isFalse();
    NetworkRange loopback = NetworkRange.parse("127.0.0.1");
    assertThat(loopback.contains(InetAddress.ofLiteral("127.0.0.1"))).isTrue();
    assertThat(loopback.contains(InetAddress.ofLiteral("127.0.0.2"))).isFalse();
    NetworkRange v6 = NetworkRange.parse("2001:db8::/32");
    assertThat(v6.contains(InetAddress.ofLiteral("2001:db8:1::5"))).isTrue();
    assertThat(v6).isEqualTo(NetworkRange.parse("2001:db8:ffff::/32"));
  }

  @Test
  void repliesAreValidatedAndSanitised() {
    assertThatThrownBy(() -> new Reply(250, "5.1.1", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Reply(199, "", "x")).isInstanceOf(IllegalArgumentException.class);
    // LF separates reply lines, each written with its own code: the client cannot be fooled.
    assertThat(new Reply(550, "5.1.1", "bad\r\nMAIL\0FROM:<x>").lines())
        .containsExactly("bad ", "MAIL FROM:<x>");
  }
}
