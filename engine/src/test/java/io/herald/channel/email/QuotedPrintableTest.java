package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.junit.jupiter.api.Test;

/** The encoder against Angus Mail's own decoder, and RFC 2045's line rules. */
class QuotedPrintableTest {
  private static String decode(String encoded) throws Exception {
    try (QPDecoderStream in =
        new QPDecoderStream(
            new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void anyTextRoundTripsThroughAngusMailsDecoder() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    String[] pieces = {
      "a", "b", " ", "=", "\t", ".", "Ї", "€", "😀", "<", "\"", "&", "Z", "0", "\r\n"
    };
    for (int round = 0; round < 200; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(400);
      for (int i = 0; i < length; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      assertThat(decode(QuotedPrintable.encode(text.toString()))).isEqualTo(text.toString());
    }
  }

  @Test
  void loneLineFeedsAndCarriageReturnsBecomeCrlf() throws Exception {
    assertThat(QuotedPrintable.encode("a\nb\rc\r\nd")).isEqualTo("a\r\nb\r\nc\r\nd");
    assertThat(decode(QuotedPrintable.encode("x \ny"))).isEqualTo("x \r\ny");
  }

  @Test
  void linesStayWithinSeventySixCharactersAndTrailingSpaceIsEncoded() {
    String encoded = QuotedPrintable.encode("x".repeat(500) + " \r\nПривіт =\r\nend\t");
    assertThat(encoded.split("\r\n"))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
    assertThat(encoded).contains("=20\r\n").contains("=3D").endsWith("=09");
  }
}
