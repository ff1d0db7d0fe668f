package io.herald.account;

import io.herald.account.SendingDomain.Algorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Makes DKIM key pairs and reads their private halves back: RSA 2048 (the {@code p=} value is the
 * SubjectPublicKeyInfo, as RFC 6376 has it) and Ed25519 (the raw 32-byte key, RFC 8463). The JDK's
 * own strong randomness makes them; nothing a test checks depends on the key bits.
 */
final class DkimKeyPairs {
  private static final int RSA_BITS = 2048;
  // An Ed25519 SubjectPublicKeyInfo is a 12-byte prefix and the 32-byte key.
  private static final int ED25519_KEY_BYTES = 32;

  private DkimKeyPairs() {}

  /** A new pair: the {@code p=} value and the PKCS#8 private key in base64. */
  record Generated(String publicKey, String privateKeyPkcs8) {}

  static Generated generate(Algorithm algorithm) {
    try {
      KeyPair pair =
          switch (algorithm) {
            case RSA -> {
              KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
              rsa.initialize(RSA_BITS);
              yield rsa.generateKeyPair();
            }
            case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
          };
      byte[] spki = pair.getPublic().getEncoded();
      byte[] published =
          algorithm == Algorithm.RSA
              ? spki
              : Arrays.copyOfRange(spki, spki.length - ED25519_KEY_BYTES, spki.length);
      Base64.Encoder base64 = Base64.getEncoder();
      return new Generated(
          base64.encodeToString(published), base64.encodeToString(pair.getPrivate().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make " + algorithm + " keys", e);
    }
  }

  static PrivateKey privateKey(Algorithm algorithm, String pkcs8) {
    try {
      return KeyFactory.getInstance(algorithm == Algorithm.RSA ? "RSA" : "Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a stored DKIM key cannot be read: " + e.getMessage(), e);
    }
  }
}
