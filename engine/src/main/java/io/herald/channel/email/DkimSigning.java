package io.herald.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
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
 * <p>ed25519-sha256 (RFC 8463) is not offered: the signing library, utils-mail-dkim 3.2.2, asks the
 * JCA for {@code NONEwithEdDSA}, which neither the JDK nor Bouncy Castle provides, so it fails on
 * every Ed25519 key; an Ed25519 key is refused here with that reason rather than at send time. The
 * library's signer is mutable and not thread-safe, so one is made per message; this class is
 * immutable and thread-safe.
 */
public final class DkimSigning {
  private static final Session SESSION = Session.getInstance(new Properties());

  private final String domain;
  private final String selector;
  private final RSAPrivateKey key;

  /**
   * @throws IllegalArgumentException for a key that is not RSA, naming why
   */
  public DkimSigning(String domain, String selector, PrivateKey key) {
    this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
    this.selector = Objects.requireNonNull(selector, "selector");
    if (!(key instanceof RSAPrivateKey rsa)) {
      String algorithm = key == null ? "null" : key.getAlgorithm();
      throw new IllegalArgumentException(
          "DKIM key for "
              + domain
              + " is "
              + algorithm
              + "; only rsa-sha256 is supported (utils-mail-dkim cannot sign ed25519-sha256)");
    }
    this.key = rsa;
    signer(); // refuses a bad domain or selector now, not on the first message
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
      DkimSigner signer = new DkimSigner(domain, selector, key);
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
