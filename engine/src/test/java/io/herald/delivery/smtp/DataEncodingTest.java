package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;

/** The DATA content made in one pass is, byte for byte, what Jakarta Mail's stream writes. */
class DataEncodingTest {
  private static byte[] angus(byte[] message) throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    SMTPOutputStream out = new SMTPOutputStream(sink);
    out.write(message, 0, message.length);
    out.ensureAtBOL();
    sink.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    return sink.toByteArray();
  }

  private static void same(String message) throws Exception {
    byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(DataEncoding.encode(bytes)).as(message).isEqualTo(angus(bytes));
  }

  @Test
  void periodsLineBreaksAndEndsAreEncodedAsJakartaMailDoes() throws Exception {
    same("");
    same(".");
    same("..");
    same("a\r\n.\r\n");
    same(".start\r\nmiddle.\r\n.end");
    same("bare\nlf\n.after lf");
    same("bare\rcr\r.after cr\r");
    same("\r\n\r\n");
    same("\n\r");
    same("no line break at the end");
    same("ends with CR LF\r\n");
  }

  @Test
  void randomMessagesOfPeriodsAndLineBreaksMatch() throws Exception {
    SplittableRandom random = new SplittableRandom(20261121);
    char[] alphabet = {'.', '\r', '\n', 'a', ' ', '=', (char) 0xE9};
    char[] mostlyText = "abcdefghijklmnopqrstuvwxyz .\r\n".toCharArray();
    for (int run = 0; run < 4000; run++) {
      char[] letters = run % 2 == 0 ? alphabet : mostlyText;
      StringBuilder message = new StringBuilder();
      int length = random.nextInt(run % 2 == 0 ? 40 : 400);
      for (int i = 0; i < length; i++) {
        message.append(letters[random.nextInt(letters.length)]);
      }
      same(message.toString());
    }
  }
}
