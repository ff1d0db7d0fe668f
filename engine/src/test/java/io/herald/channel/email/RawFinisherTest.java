package io.herald.channel.email;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The shapes of raw messages the relay meets, finished on bytes: what Herald changes (body text,
 * its own headers) and that everything else stays as it came.
 */
class RawFinisherTest {
  final RawFinisher finisher = new RawFinisher();
  final TransactionalFooter footer =
      TransactionalFooter.of("ann@example.org", "orders@shop.example", "https://h.example/u/t");
  final RawFinisher.Headers headers =
      new RawFinisher.Headers(
          "<https://h.example/u/t>", "id:acct:herald-tx", "<new@h.example>", "Mon, 2 Mar 2026");

  String finish(String message) throws Exception {
    return new String(finisher.finish(message.getBytes(UTF_8), footer, headers), UTF_8);
  }

  static final String HEAD = "From: Магазин <orders@shop.example>\r\nSubject: Чек №7\r\n";

  @Test
  void anSmimeEnvelopeIsWrappedWhole() throws Exception {
    String part =
        "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQAx\r\n";
    String out = finish(HEAD + "MIME-Version: 1.0\r\n" + part);
    assertThat(out).startsWith(HEAD).contains("Content-Type: multipart/mixed;");
    assertThat(out).contains("\r\n" + part + "\r\n--=_herald_");
    assertThat(out).contains("This message was sent to ann@example.org");
  }

  @Test
  void aMixedMessageWithOnlyFilesGetsTheFooterAsItsLastPart() throws Exception {
    String body =
        "--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=a.png\r\n\r\niVBORw0KGgo=\r\n";
    String out =
        finish(
            HEAD
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + body
                + "--b--\r\n");
    assertThat(out).contains(body + "--b\r\nContent-Type: text/plain; charset=UTF-8");
    assertThat(out).endsWith("\r\n--b--\r\n");
  }

  @Test
  void onlyHeraldsHeadersChangeAndAMissingBodyGetsTheFooter() throws Exception {
    String out = finish(HEAD + "Bcc: hidden@example.net\r\nDKIM-Signature: v=1; b=x\r\n");
    assertThat(out)
        .startsWith(HEAD)
        .doesNotContain("Bcc:")
        .doesNotContain("DKIM-Signature")
        .contains("Message-ID: <new@h.example>\r\n")
        .contains("Date: Mon, 2 Mar 2026\r\n")
        .contains("Content-Transfer-Encoding: quoted-printable\r\n\r\n--=20\r\n");
  }

  @Test
  void aTextBodyInALatinCharsetBecomesUtf8WithTheFooter() throws Exception {
    byte[] latin =
        (HEAD + "Content-Type: text/plain; charset=iso-8859-1; format=flowed\r\n\r\ncaf\u00e9\r\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    String out = new String(finisher.finish(latin, footer, headers), UTF_8);
    assertThat(out).contains("charset=UTF-8").contains("format=flowed").contains("caf=C3=A9");
  }

  @Test
  void partsNestedTooDeepAreRefusedWithTheReason() {
    StringBuilder deep = new StringBuilder(HEAD);
    for (int i = 0; i < 40; i++) {
      deep.append("Content-Type: multipart/mixed; boundary=x").append(i).append("\r\n\r\n--x");
      deep.append(i).append("\r\n");
    }
    assertThatThrownBy(() -> finish(deep.toString()))
        .isInstanceOf(Undeliverable.class)
        .hasMessageContaining("nested");
  }
}
