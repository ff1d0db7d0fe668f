package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tracking tokens come back exactly as signed, and nothing else comes back at all. */
class TokenSignerTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final byte[] OTHER_KEY =
      "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
  static final String ACCOUNT = "00112233445566ff";
  static final String CAMPAIGN = "a0b1c2d3e4f50617";

  final TokenSigner signer = new TokenSigner(KEY);

  static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");
  // Version 3: version, 16-byte tag, then the encrypted payload from its kind byte on.
  static final int KIND = 1 + 16;

  static List<TrackingToken> samples() {
    return List.of(
        new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.com", SENT),
        new TrackingToken.Unsubscribe(ACCOUNT, CAMPAIGN, "p:+380671234567"),
        new TrackingToken.Click(
            ACCOUNT, CAMPAIGN, "e:ann@example.com", "https://shop.ua/?a=1&b=ї", SENT),
        new TrackingToken.Click(ACCOUNT, CAMPAIGN, "e:олена@приклад.укр", "", Instant.EPOCH),
        new TrackingToken.Open(ACCOUNT, CAMPAIGN, "", Instant.ofEpochSecond(0xFFFF_FFFFL)));
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
  void noTokenCarriesTheContactReadably() {
    // Tokens end up in proxy logs and browser history: the address must not be readable there.
    for (TrackingToken token : samples()) {
      String signed = signer.sign(token);
      String contact = token.contactKey();
      if (contact.length() > 4) {
        assertThat(AddressEncodings.foundIn(signed, contact)).as(contact).isNull();
        assertThat(AddressEncodings.foundIn(signed, contact.substring(2))).as(contact).isNull();
        String decoded = new String(Base64.getUrlDecoder().decode(signed), StandardCharsets.UTF_8);
        assertThat(decoded).doesNotContain(contact.substring(2));
      }
      if (token instanceof TrackingToken.Click click && !click.url().isEmpty()) {
        assertThat(AddressEncodings.foundIn(signed, click.url())).isNull();
      }
    }
  }

  @Test
  void manyThreadsSealAndOpenAtOnce() throws Exception {
    // The signer keeps a pool of ciphers: no cipher may serve two tokens at the same moment.
    List<TrackingToken> tokens = samples();
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 16; t++) {
        results.add(
            threads.submit(
                () -> {
                  int good = 0;
                  for (int i = 0; i < 2_000; i++) {
                    TrackingToken token = tokens.get(i % tokens.size());
                    good += signer.verify(signer.sign(token)).equals(Optional.of(token)) ? 1 : 0;
                  }
                  return good;
                }));
      }
      for (var result : results) {
        assertThat(result.get()).isEqualTo(2_000);
      }
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
    var open = new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.com", SENT);
    byte[] bytes = Base64.getUrlDecoder().decode(signer.sign(open));
    // The kind is encrypted with a stream cipher: flipping exactly the bits that turn 'o' into
    // 'u' in the plaintext is the forger's best move, and the tag catches it.
    bytes[KIND] ^= 'o' ^ 'u';
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
    assertThatThrownBy(() -> new TrackingToken.Open("ABC", CAMPAIGN, "e:a@b.c", SENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accountId");
  }

  @Test
  void theIssueTimeIsSignedToTheSecond() {
    var open = new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.com", SENT.plusMillis(999));
    assertThat(open.issuedAt()).isEqualTo(SENT);
    assertThat(signer.verify(signer.sign(open))).contains(open);

    byte[] bytes = Base64.getUrlDecoder().decode(signer.sign(open));
    bytes[KIND + 1 + 16 + 3] ^= 0x01; // the last byte of the issue time, right after the two ids
    assertThat(signer.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
        .isEmpty();
  }

  @Test
  void issueTimesOutsideTheUnsigned32BitRangeAreRefused() {
    assertThatThrownBy(
            () -> new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:a@b.c", Instant.ofEpochSecond(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TrackingToken.Click(
                    ACCOUNT, CAMPAIGN, "e:a@b.c", "", Instant.ofEpochSecond(1L << 32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCorrectlySignedTokenOfAnotherPayloadVersionIsRefused() {
    // What version 1 signed: no issue time. Signed with the right key, still not accepted.
    byte[] account = java.util.HexFormat.of().parseHex(ACCOUNT);
    byte[] campaign = java.util.HexFormat.of().parseHex(CAMPAIGN);
    byte[] contact = "e:ann@example.com".getBytes(StandardCharsets.UTF_8);
    var payload = new java.io.ByteArrayOutputStream();
    payload.write(1);
    payload.write('u');
    payload.writeBytes(account);
    payload.writeBytes(campaign);
    payload.write(0);
    payload.write(contact.length);
    payload.writeBytes(contact);
    byte[] body = payload.toByteArray();
    byte[] mac = signer.mac(TokenSigner.Purpose.TRACKING, body, 16);
    byte[] signed = java.util.Arrays.copyOf(body, body.length + 16);
    System.arraycopy(mac, 0, signed, body.length, 16);
    assertThat(signer.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(signed)))
        .isEmpty();

    // The same bytes as version 2 (signed in clear, what Herald made before version 3) are a
    // genuine unsubscribe token: the links in messages already sent keep working.
    body[0] = 2;
    mac = signer.mac(TokenSigner.Purpose.TRACKING, body, 16);
    signed = java.util.Arrays.copyOf(body, body.length + 16);
    System.arraycopy(mac, 0, signed, body.length, 16);
    assertThat(signer.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(signed)))
        .contains(new TrackingToken.Unsubscribe(ACCOUNT, CAMPAIGN, "e:ann@example.com"));

    // Version 3 in clear, correctly MACed, is not a sealed token: it must be encrypted.
    body[0] = 3;
    mac = signer.mac(TokenSigner.Purpose.TRACKING, body, 16);
    signed = java.util.Arrays.copyOf(body, body.length + 16);
    System.arraycopy(mac, 0, signed, body.length, 16);
    assertThat(signer.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(signed)))
        .isEmpty();
  }

  @Test
  void aSealedTokenIsAsLongAsThePlainOneWas() {
    // Version 2 was payload ‖ 16-byte MAC; version 3 is version ‖ tag ‖ the rest of the payload.
    var open = new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.com", SENT);
    int payload = 1 + 1 + 8 + 8 + 4 + 2 + "e:ann@example.com".length();
    assertThat(Base64.getUrlDecoder().decode(signer.sign(open))).hasSize(payload + 16);
  }

  @Test
  void equalTokensSealAlikeAndDifferentOnesDiffer() {
    var open = new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.com", SENT);
    var other = new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.net", SENT);
    assertThat(signer.sign(open)).isEqualTo(signer.sign(open));
    byte[] a = Base64.getUrlDecoder().decode(signer.sign(open));
    byte[] b = Base64.getUrlDecoder().decode(signer.sign(other));
    // One address character differs, yet the tag (the counter start) changes everything after it.
    int same = 0;
    for (int i = 1; i < a.length; i++) {
      same += a[i] == b[i] ? 1 : 0;
    }
    assertThat(same).isLessThan(a.length / 4);
  }
}
