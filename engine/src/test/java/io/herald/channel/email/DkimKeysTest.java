package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files named by {@code delivery.dkimKeys}: what loads, and how a bad one is refused. */
class DkimKeysTest {
  @TempDir Path dir;

  @Test
  void rsaAndEd25519Pkcs8KeysLoadAndBothSignMailFromTheirDomain() throws Exception {
    Path rsa = pem("rsa.pem", "PRIVATE KEY", generate("RSA").getPrivate().getEncoded());
    Path ed = pem("ed.pem", "PRIVATE KEY", generate("Ed25519").getPrivate().getEncoded());

    List<DkimSigning> keys =
        DkimKeys.load(List.of("shop.example.com=r1:" + rsa, "shop.example.com=e1:" + ed));

    assertThat(keys)
        .extracting(DkimSigning::algorithm)
        .containsExactly("rsa-sha256", "ed25519-sha256");
    OutgoingEmail email =
        Mail.composer(keys).compose(Mail.template("Hi", "<p>x</p>"), Mail.to(Mail.ann()));
    String[] signatures = Mail.parse(email).getHeader("DKIM-Signature");
    assertThat(signatures).hasSize(2);
    assertThat(String.join("\n", signatures)).contains("s=r1").contains("s=e1");
  }

  @Test
  void aMissingKeyFileIsNamed() {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> DkimKeys.load(List.of("example.com=s1:" + missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example.com")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void aFileWithoutAPrivateKeyIsRefused() throws Exception {
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "hello\n");
    Path publicKey = pem("pub.pem", "PUBLIC KEY", generate("RSA").getPublic().getEncoded());

    assertThatThrownBy(() -> DkimKeys.load(List.of("example.com=s1:" + garbage)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no PEM private key");
    assertThatThrownBy(() -> DkimKeys.load(List.of("example.com=s1:" + publicKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an unencrypted private key");
  }

  @Test
  void aKeyOfAnotherAlgorithmIsRefused() throws Exception {
    Path ec = pem("ec.pem", "PRIVATE KEY", generate("EC").getPrivate().getEncoded());
    assertThatThrownBy(() -> DkimKeys.load(List.of("example.com=s1:" + ec)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only RSA (rsa-sha256) and Ed25519");
  }

  private static KeyPair generate(String algorithm) throws Exception {
    return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
  }

  private Path pem(String name, String type, byte[] der) throws Exception {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Path file = dir.resolve(name);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    return file;
  }
}
