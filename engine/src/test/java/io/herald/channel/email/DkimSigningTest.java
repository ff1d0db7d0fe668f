package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.testing.Dkim;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages from a domain with a key are DKIM-signed, and the signature verifies: the body hash and
 * the header signature are recomputed here from the bytes, as a receiver would (RFC 6376 relaxed).
 */
class DkimSigningTest {
  static KeyPair keys;
  static OutgoingEmail email;

  @BeforeAll
  static void signOne() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    var dkim = new DkimSigning("shop.example.com", "herald1", keys.getPrivate());
    email =
        Mail.composer(List.of(dkim))
            .compose(
                Mail.template("Привіт {{name}}", "<p>Sale  for {{name}}</p>"), Mail.to(Mail.ann()));
  }

  @Test
  void whatSigningReadsOfAMessageIsCheckedWithoutAKey() {
    byte[] good =
        "From: a@shop.example\r\nSubject: Hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] noFrom = "Subject: Hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.UTF_8);

    DkimSigning.checkSignable(good);
    assertThatThrownBy(() -> DkimSigning.checkSignable(noFrom))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without From");
  }

  @Test
  void theSignatureNamesDomainSelectorAlgorithmAndTheComplianceHeaders() {
    Map<String, String> tags = tags(header(headers(), "DKIM-Signature"));
    assertThat(tags).containsEntry("d", "shop.example.com").containsEntry("s", "herald1");
    assertThat(tags).containsEntry("a", "rsa-sha256").containsEntry("c", "relaxed/relaxed");
    assertThat(tags.get("h").toLowerCase(Locale.ROOT).split(":"))
        .contains("from", "to", "subject", "date", "message-id", "list-unsubscribe")
        .contains("list-unsubscribe-post", "feedback-id");
  }

  @Test
  void theBodyHashMatchesTheRelaxedBodyHashOfTheBytesSent() throws Exception {
    String raw = new String(email.rfc822(), StandardCharsets.ISO_8859_1);
    assertThat(raw).as("no bare line feeds").doesNotContainPattern("[^\r]\n");
    String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest(relaxedBody(body).getBytes(StandardCharsets.ISO_8859_1));
    assertThat(tags(header(headers(), "DKIM-Signature")).get("bh"))
        .isEqualTo(Base64.getEncoder().encodeToString(hash));
  }

  @Test
  void theHeaderSignatureVerifiesWithThePublicKey() throws Exception {
    List<String> headers = headers();
    String signatureField = header(headers, "DKIM-Signature");
    Map<String, String> tags = tags(signatureField);
    StringBuilder signed = new StringBuilder();
    for (String name : tags.get("h").split(":")) {
      signed.append(relaxedHeader(header(headers, name))).append("\r\n");
    }
    String withoutB = signatureField.replaceFirst("b=[^;]*$", "b=");
    signed.append(relaxedHeader(withoutB));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(keys.getPublic());
    rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
    assertThat(rsa.verify(Base64.getDecoder().decode(tags.get("b")))).isTrue();
  }

  @Test
  void signingKeepsHeraldsMessageIdAndBothParts() throws Exception {
    MimeMessage message = Mail.parse(email);
    assertThat(message.getMessageID()).isEqualTo(email.messageId());
    assertThat(message.getSubject()).isEqualTo("Привіт Ann Lee");
    assertThat(Mail.text(message)).contains(Mail.CONSENT);
    assertThat(Mail.html(message)).contains("herald-footer");
  }

  @Test
  void mailFromADomainWithoutAKeyIsSentUnsigned() throws Exception {
    var dkim = new DkimSigning("other.example.net", "s1", keys.getPrivate());
    OutgoingEmail unsigned =
        Mail.composer(List.of(dkim)).compose(Mail.template("Hi", "<p>x</p>"), Mail.to(Mail.ann()));
    assertThat(Mail.parse(unsigned).getHeader("DKIM-Signature")).isNull();
  }

  @Test
  void anEd25519KeySignsEd25519Sha256ThatVerifiesPerRfc8463() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    var dkim = new DkimSigning("shop.example.com", "ed1", ed.getPrivate());
    assertThat(dkim.algorithm()).isEqualTo("ed25519-sha256");
    OutgoingEmail signed =
        Mail.composer(List.of(dkim))
            .compose(Mail.template("Hi {{name}}", "<p>Sale for {{name}}</p>"), Mail.to(Mail.ann()));

    List<String> headers = headers(signed);
    String field = header(headers, "DKIM-Signature");
    Map<String, String> tags = tags(field);
    assertThat(tags).containsEntry("a", "ed25519-sha256").containsEntry("s", "ed1");
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(signedHeaderData(headers, field));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(ed.getPublic());
    verifier.update(hash);
    assertThat(verifier.verify(Base64.getDecoder().decode(tags.get("b")))).isTrue();
  }

  @Test
  void aKeyThatIsNeitherRsaNorEd25519IsRefusedWithTheReason() throws Exception {
    var ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
    assertThatThrownBy(() -> new DkimSigning("shop.example.com", "ec1", ec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only RSA (rsa-sha256) and Ed25519");
  }

  /** What the header signature covers: the listed fields, then the signature field without b=. */
  static byte[] signedHeaderData(List<String> headers, String signatureField) {
    StringBuilder signed = new StringBuilder();
    for (String name : tags(signatureField).get("h").split(":")) {
      signed.append(relaxedHeader(header(headers, name))).append("\r\n");
    }
    signed.append(relaxedHeader(signatureField.replaceFirst("b=[^;]*$", "b=")));
    return signed.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The header fields of the sent bytes, each unfolded into one string "Name: value". */
  static List<String> headers() {
    return headers(email);
  }

  static List<String> headers(OutgoingEmail message) {
    return Dkim.fields(message.rfc822());
  }

  static String header(List<String> fields, String name) {
    return fields.stream()
        .filter(f -> f.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + name + " header"));
  }

  static Map<String, String> tags(String field) {
    return Dkim.tags(field);
  }

  static String relaxedHeader(String field) {
    return Dkim.relaxedHeader(field);
  }

  static String relaxedBody(String body) {
    return Dkim.relaxedBody(body);
  }
}
