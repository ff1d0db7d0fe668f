package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.feedback.FeedbackReport.Bounce;
import io.herald.feedback.FeedbackReport.BounceKind;
import io.herald.feedback.FeedbackReport.Unrecognised;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives at the bounce address, the parser answers with a report and never an exception,
 * reads a bounded amount, and lets nothing from the mail reach a report unsanitised.
 */
class HostileInputTest {
  final FeedbackParser parser = new FeedbackParser(Samples.SIGNER);

  FeedbackReport parse(byte[] mail) {
    return parser.parse(new ByteArrayInputStream(mail), Optional.empty());
  }

  /** The hostile-status sample (a DSN to Ann's bounce address) with the given status part. */
  static byte[] withStatus(String status, String encoding) {
    Map<String, String> values = Samples.genuine();
    values.put("ENCODING", encoding);
    values.put("STATUS", status);
    return Samples.mail("hostile-status.eml", values);
  }

  @Test
  void emptyAndBlankMailsAreUnrecognised() {
    assertThat(parse(new byte[0])).isEqualTo(new Unrecognised("the mail is empty"));
    assertThat(parse("\r\n \r\n\t".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(new Unrecognised("the mail is empty"));
  }

  @Test
  void garbageBytesAreUnrecognised() {
    byte[] garbage = new byte[64 * 1024];
    new SplittableRandom(3).nextBytes(garbage);
    assertThat(parse(garbage)).isInstanceOf(Unrecognised.class);
    assertThat(parse("hello, is it me you're looking for?".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Unrecognised.class);
  }

  @Test
  void aMailOverTheLimitIsRefusedAfterReadingOneByteMore() {
    byte[] mail = Samples.mail("postfix-user-unknown.eml");
    FeedbackParser small = new FeedbackParser(Samples.SIGNER, mail.length - 1);
    assertThat(small.parse(new ByteArrayInputStream(mail), Optional.empty()))
        .isEqualTo(new Unrecognised("the mail is larger than " + (mail.length - 1) + " bytes"));
    assertThat(
            new FeedbackParser(Samples.SIGNER, mail.length)
                .parse(new ByteArrayInputStream(mail), Optional.empty()))
        .isInstanceOf(Bounce.class);

    CountingEndlessStream endless = new CountingEndlessStream();
    assertThat(parser.parse(endless, Optional.empty()))
        .isEqualTo(new Unrecognised("the mail is larger than 10485760 bytes"));
    assertThat(endless.read).isEqualTo(FeedbackParser.DEFAULT_MAX_BYTES + 1L);
  }

  @Test
  void aStreamThatFailsGivesUnrecognised() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertThat(parser.parse(failing, Optional.empty()))
        .isEqualTo(new Unrecognised("the mail could not be read"));
  }

  @Test
  void everyTruncationOfARealBounceIsAnsweredWithoutAnException() {
    byte[] mail = Samples.mail("postfix-user-unknown.eml");
    String envelope = Samples.genuine().get("BOUNCE_TO");
    for (int length = 0; length <= mail.length; length += 37) {
      byte[] cut = Arrays.copyOf(mail, length);
      assertThat(parser.parse(new ByteArrayInputStream(cut), Optional.of(envelope)))
          .as("first %d bytes", length)
          .isNotNull();
    }
  }

  @Test
  void aReportCutBeforeItsRecipientFieldsIsReadFromItsText() {
    String text = new String(Samples.mail("postfix-user-unknown.eml"), StandardCharsets.UTF_8);
    byte[] cut =
        text.substring(0, text.indexOf("Final-Recipient:")).getBytes(StandardCharsets.UTF_8);
    Bounce bounce = (Bounce) parse(cut);
    assertThat(bounce.kind()).isEqualTo(BounceKind.HARD);
    assertThat(bounce.status()).isEqualTo("5.1.1");
    assertThat(bounce.finalRecipient()).isEqualTo("ann@example.org");
  }

  @Test
  void aPlainTextBounceOfAMegabyteOfWordsAndAddressesIsReadWithinBounds() {
    StringBuilder body = new StringBuilder();
    while (body.length() < 1_000_000) {
      body.append("---- user unknown <a@b.c> 550 5.1.1 spam ").append("-".repeat(200)).append(' ');
    }
    String mail =
        "From: MAILER-DAEMON@mx.example.net\r\nTo: "
            + Samples.genuine().get("BOUNCE_TO")
            + "\r\nSubject: failure notice\r\n\r\n"
            + body
            + "\r\n";
    Bounce bounce = (Bounce) parse(mail.getBytes(StandardCharsets.US_ASCII));
    assertThat(bounce.kind()).isEqualTo(BounceKind.POLICY);
    assertThat(bounce.diagnostic()).hasSizeLessThanOrEqualTo(Limits.DIAGNOSTIC);
    assertThat(bounce.finalRecipient()).isEqualTo("a@b.c");
  }

  @Test
  void aReportCutInsideTheReturnedOriginalIsStillABounce() {
    String text = new String(Samples.mail("postfix-user-unknown.eml"), StandardCharsets.UTF_8);
    byte[] cut =
        text.substring(0, text.indexOf("Subject: Spring")).getBytes(StandardCharsets.UTF_8);
    assertThat(parse(cut)).isInstanceOf(Bounce.class);
  }

  @Test
  void aMultipartWithoutBoundariesIsUnrecognised() {
    String mail =
        "To: "
            + Samples.genuine().get("BOUNCE_TO")
            + "\r\nContent-Type: multipart/report; report-type=delivery-status\r\n\r\n"
            + "Action: failed\r\nStatus: 5.1.1\r\n";
    assertThat(parse(mail.getBytes(StandardCharsets.US_ASCII))).isInstanceOf(Unrecognised.class);
  }

  @Test
  void aMailOfCountlessEmptyPartsIsRefusedBeforeParsing() {
    StringBuilder mail = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
    mail.append("--b\r\n\r\nx\r\n".repeat(200_000));
    long start = System.nanoTime();
    assertThat(parse(mail.toString().getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(new Unrecognised("the mail has more than 1000 MIME boundary lines"));
    assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(2_000_000_000L);
  }

  @Test
  void aHeaderOfCountlessLinesIsRefusedBeforeParsing() {
    byte[] mail = "X-Noise: 1\r\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
    assertThat(parse(mail))
        .isEqualTo(new Unrecognised("the mail has a header of more than 2000 lines"));
  }

  @Test
  void controlCharactersAndLineBreaksNeverReachTheDiagnostic() {
    String evil =
        "smtp; 550 5.1.1 evil\u0000\u001b[31m red \u202eten\u2028\u0085 done\rX-Injected: yes";
    String status =
        "Reporting-MTA: dns; mx.example.net\r\n\r\n"
            + "Final-Recipient: rfc822; ann@example.org\u0007\r\n"
            + "Action: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: "
            + evil
            + "\r\n";
    for (byte[] mail :
        new byte[][] {
          withStatus(status, "8bit"),
          withStatus(
              Base64.getMimeEncoder().encodeToString(status.getBytes(StandardCharsets.UTF_8)),
              "base64")
        }) {
      FeedbackReport report = parse(mail);
      assertThat(report).isInstanceOf(Bounce.class);
      Bounce bounce = (Bounce) report;
      assertThat(bounce.diagnostic()).isEqualTo("550 5.1.1 evil [31m red ten done");
      assertThat(bounce.finalRecipient()).isEqualTo("ann@example.org");
    }
  }

  @Test
  void aHugeDiagnosticIsCutToItsBound() {
    Bounce bounce =
        (Bounce)
            parse(BounceTest.hostile("Status: 5.1.1", "smtp; 550 5.1.1 " + "x".repeat(20_000)));
    assertThat(bounce.diagnostic()).hasSize(Limits.DIAGNOSTIC).startsWith("550 5.1.1 xxx");
  }

  /** Endless 'a's, counting what was read. */
  static final class CountingEndlessStream extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 'a';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) 'a');
      read += length;
      return length;
    }
  }
}
