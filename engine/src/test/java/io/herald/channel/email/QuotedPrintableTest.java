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

  /**
   * The encoding one byte at a time, as {@link QuotedPrintable} did before it took eight literal
   * bytes at once: the fast path must give exactly these bytes.
   */
  private static String reference(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (int i = 0; i < in.length; i++) {
      int b = in[i] & 0xFF;
      if (b >= 33 && b <= 126 && b != '=') {
        if (column == 75) {
          out.append("=\r\n");
          column = 0;
        }
        out.append((char) b);
        column++;
        continue;
      }
      if (b == '\r' || b == '\n') {
        out.append("\r\n");
        if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
          i++;
        }
        column = 0;
        continue;
      }
      boolean lineEnds = i + 1 == in.length || in[i + 1] == '\r' || in[i + 1] == '\n';
      boolean literal = (b == ' ' || b == '\t') && !lineEnds;
      int width = literal ? 1 : 3;
      if (column + width > 75) {
        out.append("=\r\n");
        column = 0;
      }
      out.append(literal ? String.valueOf((char) b) : String.format("=%02X", b));
      column += width;
    }
    return out.toString();
  }

  @Test
  void longTextsAreEncodedByteForByteAsOneByteAtATime() throws Exception {
    SplittableRandom random = new SplittableRandom(20261121);
    String[] pieces = {
      "lorem ", "ipsum", " ", "=", "\t", ".", "Ї", "€", "<a href=\"x\">", "&amp;", "\r\n", "0123456"
    };
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(600);
      for (int i = 0; i < length; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String encoded = QuotedPrintable.encode(text.toString());
      assertThat(encoded).isEqualTo(reference(text.toString()));
      assertThat(decode(encoded)).isEqualTo(text.toString());
    }
  }

  @Test
  void aLongTextOfOnlyEscapesGrowsTheOutputAsItGoes() throws Exception {
    String text = "Ї€😀=\t".repeat(3000) + "end";
    String encoded = QuotedPrintable.encode(text);
    assertThat(encoded.length())
        .isGreaterThan(text.getBytes(StandardCharsets.UTF_8).length * 5 / 2);
    assertThat(encoded).isEqualTo(reference(text));
    assertThat(decode(encoded)).isEqualTo(text);
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
