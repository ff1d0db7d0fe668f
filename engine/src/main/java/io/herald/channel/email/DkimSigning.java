package io.herald.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * DKIM signing (RFC 6376) of finished messages for one sending domain and selector, so receivers
 * can tell the mail really comes from the sender's domain. Signatures are rsa-sha256 with
 * relaxed/relaxed canonicalization, covering From, To, Subject, Date, Message-ID, the MIME headers,
 * {@code List-Unsubscribe}, {@code List-Unsubscribe-Post} (RFC 8058 requires it signed) and {@code
 * Feedback-ID}. The signer does no DNS lookup of its own key.
 *
 * <p>Both algorithms of current DKIM are offered, chosen by the key: an RSA key signs rsa-sha256,
 * an Ed25519 key ed25519-sha256 (RFC 8463). For the latter the library, utils-mail-dkim 3.2.2, asks
 * the JCA for {@code NONEwithEdDSA}, which {@link Ed25519Sha256} supplies from the JDK's Ed25519.
 * Receivers that do not know ed25519 ignore such a signature, so a domain usually has both keys
 * (two entries in {@code delivery.dkimKeys}); every key that covers the sender signs. The library's
 * signer is mutable and not thread-safe, so one is made per message; this class is immutable and
 * thread-safe.
 */
public final class DkimSigning {
  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private final String domain;
  private final String selector;
  private final PrivateKey key;

  /**
   * @param key an RSA key (rsa-sha256) or an Ed25519 key (ed25519-sha256)
   * @throws IllegalArgumentException for any other key, naming why
   */
  public DkimSigning(String domain, String selector, PrivateKey key) {
    this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
    this.selector = Objects.requireNonNull(selector, "selector");
    this.key = usable(domain, key);
    signer(); // refuses a bad domain or selector now, not on the first message
  }

  private static PrivateKey usable(String domain, PrivateKey key) {
    String algorithm = key == null ? "null" : key.getAlgorithm();
    if (key instanceof RSAPrivateKey) {
      return key;
    }
    if (algorithm.equals("Ed25519") || algorithm.equals("EdDSA")) {
      try {
        Ed25519Sha256.install();
        PrivateKey jdk = Ed25519Sha256.jdkKey(key);
        return KeyFactory.getInstance("Ed25519", BOUNCY_CASTLE)
            .generatePrivate(new PKCS8EncodedKeySpec(jdk.getEncoded()));
      } catch (GeneralSecurityException e) {
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

  /** The signed bytes of an unsigned RFC 5322 message. */
  public byte[] sign(byte[] rfc822) {
    try {
      return sign(new MimeMessage(SESSION, new ByteArrayInputStream(rfc822)));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("not a message that can be signed: " + e.getMessage(), e);
    }
  }

  byte[] sign(MimeMessage message) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      new DkimMessage(message, signer()).writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("DKIM signing failed for " + domain + ": " + e, e);
    }
  }

  private DkimSigner signer() {
    try {
      DkimSigner signer =
          key instanceof EdDSAPrivateKey ed
              ? new DkimSigner(domain, selector, ed)
              : new DkimSigner(domain, selector, (RSAPrivateKey) key);
      signer.setCheckDomainKey(false);
      signer.setHeaderCanonicalization(Canonicalization.RELAXED);
      signer.setBodyCanonicalization(Canonicalization.RELAXED);
      signer.setLengthParam(false);
      signer.addHeaderToSign("List-Unsubscribe-Post");
      signer.addHeaderToSign("Feedback-ID");
      return signer;
    } catch (DkimException e) {
      throw new IllegalArgumentException("DKIM for " + domain + ": " + e.getMessage(), e);
    }
  }
}
