package io.herald.channel.email;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Loads the DKIM keys named by {@code delivery.dkimKeys} ({@code domain=selector:keyfile}) at
 * start-up, so a missing, unreadable or unsupported key stops Herald with its file named instead of
 * failing on the first message. Key files are PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or
 * Ed25519, as {@code openssl genpkey} writes) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); Bouncy
 * Castle's PEM parser reads them.
 */
public final class DkimKeys {
  private DkimKeys() {}

  /**
   * @throws IllegalArgumentException naming the entry and why its key cannot sign
   */
  public static List<DkimSigning> load(List<String> entries) {
    List<DkimSigning> keys = new ArrayList<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      int colon = entry.indexOf(':', eq + 1);
      if (eq <= 0 || colon < 0) {
        throw new IllegalArgumentException("DKIM entry is not domain=selector:keyfile: " + entry);
      }
      String domain = entry.substring(0, eq);
      String selector = entry.substring(eq + 1, colon);
      Path file = Path.of(entry.substring(colon + 1));
      keys.add(new DkimSigning(domain, selector, read(domain, file)));
    }
    return List.copyOf(keys);
  }

  static PrivateKey read(String domain, Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object pem = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      return switch (pem) {
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
        case null -> throw new IllegalArgumentException("no PEM private key in " + file);
        default ->
            throw new IllegalArgumentException(
                "DKIM key file "
                    + file
                    + " for "
                    + domain
                    + " holds "
                    + pem.getClass().getSimpleName()
                    + ", not an unencrypted private key");
      };
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the DKIM key of " + domain + " from " + file + ": " + e.getMessage(), e);
    }
  }
}
