package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tracking tokens come back exactly as signed, and nothing else comes back at all. */
class TokenSignerTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final byte[] OTHER_KEY =
      "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
  static final String ACCOUNT = "00112233445566ff";
  static final String CAMPAIGN = "a0b1c2d3e4f50617";

  final TokenSigner signer = new TokenSigner(KEY);

  static List<TrackingToken> samples() {
    return List.of(
        new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.com"),
        new TrackingToken.Unsubscribe(ACCOUNT, CAMPAIGN, "p:+380671234567"),
        new TrackingToken.Click(ACCOUNT, CAMPAIGN, "e:ann@example.com", "https://shop.ua/?a=1&b=ї"),
        new TrackingToken.Click(ACCOUNT, CAMPAIGN, "e:олена@приклад.укр", ""),
        new TrackingToken.Open(ACCOUNT, CAMPAIGN, ""));
  }

  @Test
  void everyKindOfTokenRoundTrips() {
    for (TrackingToken token : samples()) {
      String signed = signer.sign(token);
      assertThat(signed).matches("[A-Za-z0-9_-]+");
      assertThat(signer.verify(signed)).contains(token);
    }
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    TokenSigner other = new TokenSigner(OTHER_KEY);
    for (TrackingToken token : samples()) {
      assertThat(signer.verify(other.sign(token))).isEmpty();
    }
  }

  @Test
  void changingAnySingleByteIsDetected() {
    String signed = signer.sign(samples().get(2));
    byte[] bytes = Base64.getUrlDecoder().decode(signed);
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x01;
      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
      assertThat(signer.verify(forged)).as("byte %d altered", i).isEmpty();
    }
  }

  @Test
  void truncatedOrExtendedTokensAreRefused() {
    String signed = signer.sign(samples().get(0));
    for (int length = 0; length < signed.length(); length++) {
      assertThat(signer.verify(signed.substring(0, length))).isEmpty();
    }
    assertThat(signer.verify(signed + "A")).isEmpty();
    assertThat(signer.verify(signed + "AA")).isEmpty();
  }

  @Test
  void garbageIsRefusedWithoutAnException() {
    for (String garbage :
        List.of(
            "", "!!!", "%00", "a b", "====", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
      assertThat(signer.verify(garbage)).isEmpty();
    }
    assertThat(signer.verify(null)).isEmpty();
  }

  @Test
  void aClickCannotBeReplayedAsAnUnsubscribe() {
    var open = new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.com");
    byte[] bytes = Base64.getUrlDecoder().decode(signer.sign(open));
    bytes[1] = 'u';
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThat(signer.verify(forged)).isEmpty();
  }

  @Test
  void keysShorterThan32BytesAreRefused() {
    assertThatThrownBy(() -> new TokenSigner(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsMustBeSixteenLowercaseHexDigits() {
    assertThatThrownBy(() -> new TrackingToken.Open("ABC", CAMPAIGN, "e:a@b.c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accountId");
  }
}
