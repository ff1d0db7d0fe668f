package io.herald.channel.viber.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.channel.viber.ViberCallbacks.CallbackRefused;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Vonage signed webhook as Vonage documents it: {@code Authorization: Bearer <JWT>}, the
 * JWT signed with HS256 and the account's signature secret, its {@code payload_hash} claim the
 * SHA-256 (hex) of the raw body, {@code iat} when it was signed. A request passes only when the
 * signature matches (compared in constant time), the hash matches the body as received, and it was
 * signed within {@code maxAge} of now (an {@code exp} claim, if present, must not have passed): an
 * old request replayed later is refused.
 */
final class VonageSignedWebhook {
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  private final byte[] secret;
  private final Duration maxAge;
  private final Clock clock;
  private final VonageJson json;

  VonageSignedWebhook(String secret, Duration maxAge, Clock clock, VonageJson json) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a Vonage signature secret is required");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.maxAge = maxAge;
    this.clock = clock;
    this.json = json;
  }

  /** Returns normally when the request is genuine; says why it is not otherwise. */
  void verify(Map<String, String> headers, byte[] body) throws CallbackRefused {
    String authorization = headers.getOrDefault("authorization", "");
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new CallbackRefused("the callback is not signed (no Authorization: Bearer token)");
    }
    String[] parts = authorization.substring(7).strip().split("\\.", -1);
    if (parts.length != 3) {
      throw new CallbackRefused("the callback's token is not a JWT");
    }
    JsonNode header = part(parts[0]);
    if (!"HS256".equals(header.path("alg").asText())) {
      throw new CallbackRefused("the callback's token is not signed with HS256");
    }
    byte[] expected = hmac((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
      throw new CallbackRefused("the callback's signature does not match (wrong secret?)");
    }
    JsonNode claims = part(parts[1]);
    byte[] claimed = hex(claims.path("payload_hash").asText(""));
    if (!MessageDigest.isEqual(sha256(body), claimed)) {
      throw new CallbackRefused("the callback's body is not the one that was signed");
    }
    Instant now = clock.instant();
    if (!claims.path("iat").canConvertToLong()) {
      throw new CallbackRefused("the callback's token has no issue time (iat)");
    }
    Instant issued = Instant.ofEpochSecond(claims.path("iat").asLong());
    if (issued.isBefore(now.minus(maxAge)) || issued.isAfter(now.plus(CLOCK_SKEW))) {
      throw new CallbackRefused(
          "the callback's token was issued at " + issued + ", too far from now");
    }
    if (claims.has("exp")
        && Instant.ofEpochSecond(claims.path("exp").asLong()).isBefore(now.minus(CLOCK_SKEW))) {
      throw new CallbackRefused("the callback's token has expired");
    }
  }

  private JsonNode part(String encoded) throws CallbackRefused {
    return json.tree(decode(encoded))
        .orElseThrow(() -> new CallbackRefused("the callback's token is not a JWT"));
  }

  private static byte[] decode(String encoded) throws CallbackRefused {
    try {
      return B64URL.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new CallbackRefused("the callback's token is not a JWT");
    }
  }

  private static byte[] hex(String text) {
    try {
      return HexFormat.of().parseHex(text.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) { // HmacSHA256 is in every JDK
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (GeneralSecurityException e) { // SHA-256 is in every JDK
      throw new IllegalStateException(e);
    }
  }
}
