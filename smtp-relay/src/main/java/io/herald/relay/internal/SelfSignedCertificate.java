package io.herald.relay.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The relay's self-signed certificate: generated with Bouncy Castle at first start into a directory
 * ({@value #CERTIFICATE}, {@value #KEY}), reused at every later start so clients that pinned it
 * keep trusting it. Netty's own SelfSignedCertificate needs Bouncy Castle on JDK 25 anyway, and
 * cannot keep the pair across restarts.
 *
 * @param certificate PEM certificate file
 * @param privateKey PEM PKCS#8 key file, readable by the owner only where the file system allows
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

  static final String CERTIFICATE = "relay-cert.pem";
  static final String KEY = "relay-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(3650);

  /** The pair in {@code directory}, generated for {@code serverName} when not there yet. */
  public static SelfSignedCertificate loadOrCreate(Path directory, String serverName, Clock clock)
      throws IOException {
    Path certificate = directory.resolve(CERTIFICATE);
    Path key = directory.resolve(KEY);
    if (Files.isRegularFile(certificate) && Files.isRegularFile(key)) {
      return new SelfSignedCertificate(certificate, key);
    }
    Files.createDirectories(directory);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      // Key first: a certificate without its key would be taken as complete at the next start.
      writeAtomically(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
      writeAtomically(certificate, pem(certificate(pair, serverName, clock.instant())), false);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot generate the relay's self-signed certificate", e);
    }
    return new SelfSignedCertificate(certificate, key);
  }

  private static X509CertificateHolder certificate(KeyPair pair, String serverName, Instant now)
      throws IOException, OperatorCreationException {
    X500Name subject = new X500Name("CN=" + serverName);
    BigInteger serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            serial,
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            pair.getPublic());
    GeneralNames names =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, serverName),
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            });
    builder.addExtension(Extension.subjectAlternativeName, false, names);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static void writeAtomically(Path target, String content, boolean secret)
      throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), ".relay-", ".tmp");
    try {
      if (secret) {
        restrictToOwner(temporary);
      }
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's permissions are all there is.
    }
  }
}
