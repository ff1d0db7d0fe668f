package io.herald.channel.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * DKIM signing (RFC 6376) of finished messages for one sending domain and selector, so receivers
 * can tell the mail really comes from the sender's domain. Signatures use relaxed/relaxed
 * canonicalization over the message's octets ({@link DkimCanonical}), so a raw UTF-8 header (RFC
 * 6532) or an 8-bit body is signed exactly as it travels; they cover From, To, Subject, Date,
 * Message-ID, the MIME headers, {@code List-Unsubscribe}, {@code List-Unsubscribe-Post} (RFC 8058
 * requires it signed) and {@code Feedback-ID}, those the message has. The signer does no DNS lookup
 * of its own key, and the message's bytes are not changed: the signature field goes on top.
 *
 * <p>Both algorithms of current DKIM are offered, chosen by the key: an RSA key signs rsa-sha256,
 * an Ed25519 key ed25519-sha256 (RFC 8463: Ed25519 over the SHA-256 of the header data). Receivers
 * that do not know ed25519 ignore such a signature, so a domain usually has both keys (two entries
 * in {@code delivery.dkimKeys}); every key that covers the sender signs. Immutable and thread-safe.
 */
public final class DkimSigning {
  /** The fields signed when present, in this order (each name once: its last instance). */
  private static final List<String> SIGNED =
      List.of(
          "From",
          "Sender",
          "Reply-To",
          "To",
          "Cc",
          "Subject",
          "Date",
          "Message-ID",
          "In-Reply-To",
          "References",
          "MIME-Version",
          "Content-Type",
          "Content-Transfer-Encoding",
          "List-Unsubscribe",
          "List-Unsubscribe-Post",
          "Feedback-ID");

  private final String domain;
  private final String selector;
  private final PrivateKey key;

  /**
   * @param key an RSA key (rsa-sha256) or an Ed25519 key (ed25519-sha256)
   * @throws IllegalArgumentException for any other key, or a bad domain or selector, naming why
   */
  public DkimSigning(String domain, String selector, PrivateKey key) {
    this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
    this.selector = Objects.requireNonNull(selector, "selector");
    if (!this.domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
      throw new IllegalArgumentException("DKIM for " + domain + ": not a domain name");
    }
    if (!selector.matches("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?(\\.[A-Za-z0-9_-]+)*")) {
      throw new IllegalArgumentException("DKIM for " + domain + ": bad selector " + selector);
    }
    this.key = usable(domain, key);
  }

  private static PrivateKey usable(String domain, PrivateKey key) {
    String algorithm = key == null ? "null" : key.getAlgorithm();
    if (key instanceof RSAPrivateKey) {
      return key;
    }
    if (algorithm.equals("Ed25519") || algorithm.equals("EdDSA")) {
      try {
        return KeyFactory.getInstance("Ed25519")
            .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new IllegalArgumentException(
            "DKIM key for " + domain + " is not a usable Ed25519 key: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        "DKIM key for "
            + domain
            + " is "
            + algorithm
            + "; only RSA (rsa-sha256) and Ed25519 (ed25519-sha256) keys can sign");
  }

  /** The signature algorithm, as in the {@code a=} tag. */
  public String algorithm() {
    return key instanceof RSAPrivateKey ? "rsa-sha256" : "ed25519-sha256";
  }

  /** The signing domain ({@code d=}). */
  public String domain() {
    return domain;
  }

  /** The selector ({@code s=}). */
  public String selector() {
    return selector;
  }

  /** Whether this key may sign mail from the given address's domain (same domain or a parent). */
  public boolean covers(String fromAddress) {
    String from = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return from.equals(domain) || from.endsWith("." + domain);
  }

  /** The message signed by every key that covers its From domain, in order; as is when none. */
  static byte[] signByEvery(List<DkimSigning> keys, byte[] rfc822, String fromAddress) {
    byte[] signed = rfc822;
    for (DkimSigning key : keys) {
      if (key.covers(fromAddress)) {
        signed = key.sign(signed);
      }
    }
    return signed;
  }

  /**
   * Reads of a message all that signing it reads (header fields, From, the canonical body) without
   * a key's work, so a message no key could sign is refused before Herald accepts it, whichever key
   * will sign it later. Throws {@link IllegalArgumentException} as {@link #sign} would.
   */
  static void checkSignable(byte[] rfc822) {
    int bodyStart = DkimCanonical.bodyStart(rfc822);
    signedHeaders(DkimCanonical.fields(rfc822, bodyStart), new ArrayList<>());
    DkimCanonical.bodyHash(rfc822, bodyStart);
  }

  /** The canonical header fields signed, From first; their names go to {@code names}. */
  private static StringBuilder signedHeaders(List<DkimCanonical.Field> fields, List<String> names) {
    StringBuilder data = new StringBuilder();
    for (String name : SIGNED) {
      fields.stream()
          .filter(f -> f.name().equalsIgnoreCase(name))
          .reduce((first, second) -> second)
          .ifPresent(
              f -> {
                names.add(name);
                data.append(DkimCanonical.header(f.text())).append("\r\n");
              });
    }
    if (names.isEmpty() || !names.getFirst().equals("From")) {
      throw new IllegalArgumentException("a message without From cannot be DKIM-signed");
    }
    return data;
  }

  /** The signed bytes of an unsigned RFC 5322 message: the signature field, then the message. */
  public byte[] sign(byte[] rfc822) {
    int bodyStart = DkimCanonical.bodyStart(rfc822);
    List<String> names = new ArrayList<>();
    StringBuilder data = signedHeaders(DkimCanonical.fields(rfc822, bodyStart), names);
    String field =
        "DKIM-Signature: v=1; a="
            + algorithm()
            + "; c=relaxed/relaxed; d="
            + domain
            + "; s="
            + selector
            + ";\r\n\th="
            + String.join(":", names)
            + ";\r\n\tbh="
            + Base64.getEncoder().encodeToString(DkimCanonical.bodyHash(rfc822, bodyStart))
            + ";\r\n\tb=";
    data.append(DkimCanonical.header(field));
    String signature =
        Base64.getEncoder()
            .encodeToString(signature(data.toString().getBytes(StandardCharsets.ISO_8859_1)));
    byte[] top = (field + signature + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] signed = new byte[top.length + rfc822.length];
    System.arraycopy(top, 0, signed, 0, top.length);
    System.arraycopy(rfc822, 0, signed, top.length, rfc822.length);
    return signed;
  }

  private byte[] signature(byte[] data) {
    try {
      if (key instanceof RSAPrivateKey) {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(data);
        return rsa.sign();
      }
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initSign(key);
      ed25519.update(DkimCanonical.sha256().digest(data));
      return ed25519.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("DKIM signing failed for " + domain + ": " + e, e);
    }
  }
}
