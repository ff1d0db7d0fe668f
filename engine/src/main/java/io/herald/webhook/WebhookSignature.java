package io.herald.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, for Herald and for receivers alike: {@code Herald-Signature:
 * v1=<hex>}, the lowercase hex HMAC-SHA256 keyed with the endpoint's secret ({@code whsec_…}, used
 * as its UTF-8 bytes) over {@code <Herald-Timestamp> + "." + <raw body>}. The timestamp (Unix
 * seconds) is signed with the body so that a captured request cannot be replayed later: {@link
 * #verify} refuses one older (or newer) than its tolerance. The header may carry several {@code
 * v1=} values separated by commas (room for a secret rotation); one match is enough.
 */
public final class WebhookSignature {
  /** What receivers should allow between Herald's clock and theirs, and for delivery time. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The request headers Herald sends with every webhook POST. */
  public static final String TIMESTAMP_HEADER = "Herald-Timestamp";

  public static final String SIGNATURE_HEADER = "Herald-Signature";
  public static final String EVENT_ID_HEADER = "Herald-Event-Id";

  private static final String SCHEME = "v1=";

  private WebhookSignature() {}

  /** The {@code Herald-Signature} header value for a body sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, String body) {
    return SCHEME + HexFormat.of().formatHex(mac(secret, timestamp + "." + body));
  }

  /**
   * Whether a received request is genuine: the signature matches the body and timestamp (compared
   * in constant time), and the timestamp is within {@code tolerance} of {@code clock}'s now. False
   * for anything missing or malformed; never throws for bad input.
   */
  public static boolean verify(
      String secret,
      String timestampHeader,
      String signatureHeader,
      String body,
      Clock clock,
      Duration tolerance) {
    if (secret == null
        || secret.isEmpty()
        || timestampHeader == null
        || signatureHeader == null
        || body == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    Instant sent = Instant.ofEpochSecond(Math.clamp(timestamp, -1L << 40, 1L << 40));
    if (Duration.between(sent, clock.instant()).abs().compareTo(tolerance) > 0) {
      return false;
    }
    byte[] expected =
        HexFormat.of()
            .formatHex(mac(secret, timestamp + "." + body))
            .getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    for (String part : signatureHeader.split(",")) {
      String value = part.strip();
      if (value.startsWith(SCHEME)) {
        byte[] presented = value.substring(SCHEME.length()).getBytes(StandardCharsets.US_ASCII);
        matched |= MessageDigest.isEqual(expected, presented);
      }
    }
    return matched;
  }

  /**
   * {@link #verify(String, String, String, String, Clock, Duration)} for a request whose headers
   * {@code header} reads by name, with the default tolerance.
   */
  public static boolean verify(
      String secret, UnaryOperator<String> header, String body, Clock clock) {
    return verify(
        secret,
        header.apply(TIMESTAMP_HEADER),
        header.apply(SIGNATURE_HEADER),
        body,
        clock,
        DEFAULT_TOLERANCE);
  }

  private static byte[] mac(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
