package io.herald.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a receiver relies on: a genuine request verifies, anything altered or late does not. */
class WebhookSignatureTest {
  static final String SECRET = "whsec_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String BODY = "{\"id\":\"evt_1\",\"type\":\"delivered\"}";
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  final long now = clock.instant().getEpochSecond();
  final Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;

  boolean verify(String secret, String timestamp, String signature, String body) {
    return WebhookSignature.verify(secret, timestamp, signature, body, clock, tolerance);
  }

  @Test
  void aGenuineRequestVerifies() {
    String signature = WebhookSignature.sign(SECRET, now, BODY);

    assertThat(signature).matches("v1=[0-9a-f]{64}");
    assertThat(verify(SECRET, Long.toString(now), signature, BODY)).isTrue();
    // One of several values is enough (room for rotating a secret).
    assertThat(verify(SECRET, Long.toString(now), "v1=00, " + signature, BODY)).isTrue();
    // Read from the request's headers by name, as a receiver has them.
    Map<String, String> headers =
        Map.of(
            WebhookSignature.TIMESTAMP_HEADER,
            Long.toString(now),
            WebhookSignature.SIGNATURE_HEADER,
            signature);
    assertThat(WebhookSignature.verify(SECRET, headers::get, BODY, clock)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, headers::get, BODY + " ", clock)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, name -> null, BODY, clock)).isFalse();
  }

  @Test
  void theSignatureIsHmacSha256OverTimestampDotBody() throws Exception {
    var mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
    String expected =
        java.util.HexFormat.of().formatHex(mac.doFinal((now + "." + BODY).getBytes()));

    assertThat(WebhookSignature.sign(SECRET, now, BODY)).isEqualTo("v1=" + expected);
  }

  @Test
  void aTamperedBodyFails() {
    String signature = WebhookSignature.sign(SECRET, now, BODY);

    assertThat(verify(SECRET, Long.toString(now), signature, BODY.replace("delivered", "bounced")))
        .isFalse();
    assertThat(verify(SECRET, Long.toString(now), signature, BODY + " ")).isFalse();
  }

  @Test
  void aWrongSecretFails() {
    String signature = WebhookSignature.sign("whsec_someone-else", now, BODY);

    assertThat(verify(SECRET, Long.toString(now), signature, BODY)).isFalse();
    assertThat(verify("", Long.toString(now), signature, BODY)).isFalse();
  }

  @Test
  void aStaleOrFutureTimestampFailsEvenWhenSignedCorrectly() {
    long old = now - tolerance.toSeconds() - 1;
    long future = now + tolerance.toSeconds() + 1;

    assertThat(verify(SECRET, Long.toString(old), WebhookSignature.sign(SECRET, old, BODY), BODY))
        .isFalse();
    assertThat(
            verify(
                SECRET, Long.toString(future), WebhookSignature.sign(SECRET, future, BODY), BODY))
        .isFalse();
    // A timestamp changed after signing fails too: it is part of what is signed.
    assertThat(
            verify(SECRET, Long.toString(now - 1), WebhookSignature.sign(SECRET, now, BODY), BODY))
        .isFalse();
  }

  @Test
  void malformedHeadersFailWithoutThrowing() {
    String signature = WebhookSignature.sign(SECRET, now, BODY);

    assertThat(verify(SECRET, null, signature, BODY)).isFalse();
    assertThat(verify(SECRET, "soon", signature, BODY)).isFalse();
    assertThat(verify(SECRET, "99999999999999999999", signature, BODY)).isFalse();
    assertThat(verify(SECRET, Long.toString(now), null, BODY)).isFalse();
    assertThat(verify(SECRET, Long.toString(now), signature.substring(3), BODY)).isFalse();
    assertThat(verify(SECRET, Long.toString(now), "v1=", BODY)).isFalse();
    assertThat(verify(SECRET, Long.toString(now), signature.toUpperCase(), BODY)).isFalse();
  }
}
