package io.herald.channel.viber.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a callback the way Vonage signs its webhooks: an HS256 JWT keyed with the signature secret
 * whose claims are {@code iat}, {@code jti}, {@code iss: Vonage}, {@code api_key} and {@code
 * payload_hash}, the SHA-256 (hex) of the body. Written apart from Herald's verifier on purpose: a
 * mistake shared by both would otherwise pass every test.
 */
public final class Jwt {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwt() {}

  /** The token for {@code body}, issued at {@code issued}. */
  public static String sign(
      ObjectMapper mapper, String secret, String apiKey, byte[] body, Instant issued) {
    try {
      ObjectNode header = mapper.createObjectNode().put("alg", "HS256").put("typ", "JWT");
      ObjectNode claims =
          mapper
              .createObjectNode()
              .put("iat", issued.getEpochSecond())
              .put("jti", UUID.randomUUID().toString())
              .put("iss", "Vonage")
              .put("api_key", apiKey)
              .put(
                  "payload_hash",
                  HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
      String signed =
          B64.encodeToString(mapper.writeValueAsBytes(header))
              + "."
              + B64.encodeToString(mapper.writeValueAsBytes(claims));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signed
          + "."
          + B64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | IOException e) { // JDK algorithms, a tree of strings
      throw new IllegalStateException(e);
    }
  }
}
