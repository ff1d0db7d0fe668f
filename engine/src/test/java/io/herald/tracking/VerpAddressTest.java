package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Bounce addresses lead back to the recipient, survive case changes, and cannot be forged. */
class VerpAddressTest {
  final TokenSigner signer = new TokenSigner(TokenSignerTest.KEY);
  final VerpToken token = new VerpToken("00112233445566ff", "a0b1c2d3e4f50617", 123_456L);

  @Test
  void roundTrips() {
    String address = VerpAddress.encode(signer, token, "Bounces.Example.com");
    assertThat(address).startsWith("bounces+").endsWith("@bounces.example.com");
    assertThat(VerpAddress.parse(address, signer)).contains(token);
    assertThat(VerpAddress.parse("<" + address + ">", signer)).contains(token);
  }

  @Test
  void anUppercasedAddressStillParses() {
    String address = VerpAddress.encode(signer, token, "bounces.example.com");
    assertThat(VerpAddress.parse(address.toUpperCase(Locale.ROOT), signer)).contains(token);
  }

  @Test
  void alteringAnyCharacterOfTheTokenIsRefused() {
    String address = VerpAddress.encode(signer, token, "bounces.example.com");
    int start = "bounces+".length();
    int end = address.indexOf('@');
    for (int i = start; i < end; i++) {
      char replacement = address.charAt(i) == 'a' ? 'b' : 'a';
      String altered = address.substring(0, i) + replacement + address.substring(i + 1);
      assertThat(VerpAddress.parse(altered, signer)).as("position %d", i).isEmpty();
    }
    assertThat(VerpAddress.parse(address.replace("@", "a@"), signer)).isEmpty();
    assertThat(VerpAddress.parse(address.substring(0, end - 1) + "@x.com", signer)).isEmpty();
  }

  @Test
  void anotherKeyOrAnotherKindIsRefused() {
    String bounce = VerpAddress.encode(signer, token, "bounces.example.com");
    String unsub =
        VerpAddress.encode(signer, VerpAddress.Kind.UNSUBSCRIBE, token, "bounces.example.com");
    assertThat(VerpAddress.parse(bounce, new TokenSigner(TokenSignerTest.OTHER_KEY))).isEmpty();
    assertThat(VerpAddress.parse(unsub, VerpAddress.Kind.UNSUBSCRIBE, signer)).contains(token);
    String unsubPayloadAsBounce = "bounces+" + unsub.substring("unsub+".length());
    assertThat(VerpAddress.parse(unsubPayloadAsBounce, signer)).isEmpty();
    assertThat(VerpAddress.parse(bounce, VerpAddress.Kind.UNSUBSCRIBE, signer)).isEmpty();
  }

  @Test
  void theLocalPartNeverExceeds64Octets() {
    for (long recipient : new long[] {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
      for (VerpAddress.Kind kind : VerpAddress.Kind.values()) {
        var extreme = new VerpToken("ffffffffffffffff", "ffffffffffffffff", recipient);
        String address = VerpAddress.encode(signer, kind, extreme, "example.com");
        assertThat(address.indexOf('@')).isLessThanOrEqualTo(64);
        assertThat(VerpAddress.parse(address, kind, signer)).contains(extreme);
      }
    }
  }

  @Test
  void garbageIsRefusedWithoutAnException() {
    for (String garbage :
        new String[] {"", "@", "bounces+", "bounces+@x.com", "bounces+!!!@x.com", "ann@x.com"}) {
      assertThat(VerpAddress.parse(garbage, signer)).isEmpty();
    }
    assertThat(VerpAddress.parse(null, signer)).isEmpty();
  }
}
