package io.herald.channel.email;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The ed25519-sha256 signing step of RFC 8463 (PureEdDSA Ed25519 over the SHA-256 hash of the
 * canonicalized header data), offered to utils-mail-dkim under the JCA name it asks for, {@code
 * NONEwithEdDSA}. The library feeds the signature the header data itself and expects the RFC 8463
 * result; no JDK or Bouncy Castle algorithm has that name, so its Ed25519 path fails without this.
 * The cryptography is the JDK's own Ed25519 and SHA-256; this class only connects them.
 *
 * <p>The JCA looks algorithms up in the process-wide provider list, so {@link #install()} adds this
 * provider once (idempotently, at the end of the list) before the first Ed25519 key is used. The
 * class is public only because the JCA instantiates it reflectively; nothing else should.
 */
public final class Ed25519Sha256 extends SignatureSpi {
  static final String ALGORITHM = "NONEwithEdDSA";
  private static final String PROVIDER = "HeraldDkimEd25519";

  /** For the JCA. */
  public Ed25519Sha256() {}

  private final ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
  private PrivateKey key;

  /** Makes {@code NONEwithEdDSA} available to the DKIM library; safe to call many times. */
  static synchronized void install() {
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new DkimProvider());
    }
  }

  /** The JDK's own Ed25519 key for any PKCS#8-encodable Ed25519 key (Bouncy Castle's, too). */
  static PrivateKey jdkKey(PrivateKey key) throws InvalidKeyException {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidKeyException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
    this.key = jdkKey(privateKey);
    data.reset();
  }

  @Override
  protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
    throw new InvalidKeyException("signing only");
  }

  @Override
  protected void engineUpdate(byte b) {
    data.write(b);
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) {
    data.write(b, off, len);
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    if (key == null) {
      throw new SignatureException("not initialised for signing");
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(data.toByteArray());
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initSign(key);
      ed25519.update(hash);
      return ed25519.sign();
    } catch (GeneralSecurityException e) {
      throw new SignatureException("Ed25519 signing failed: " + e.getMessage(), e);
    } finally {
      data.reset();
    }
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
    throw new SignatureException("signing only");
  }

  @Override
  @Deprecated
  protected void engineSetParameter(String param, Object value) {
    throw new UnsupportedOperationException(param);
  }

  @Override
  @Deprecated
  protected Object engineGetParameter(String param) {
    throw new UnsupportedOperationException(param);
  }

  private static final class DkimProvider extends Provider {
    DkimProvider() {
      super(PROVIDER, "1", "ed25519-sha256 (RFC 8463) for DKIM signing");
      putService(
          new Service(this, "Signature", ALGORITHM, Ed25519Sha256.class.getName(), null, null));
    }
  }
}
