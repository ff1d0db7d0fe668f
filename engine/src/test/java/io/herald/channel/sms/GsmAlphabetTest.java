package io.herald.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Every character of the GSM 03.38 default alphabet and of its extension table goes out as its
 * standard septet value(s) and reads back as itself; a character outside both makes UCS-2.
 */
class GsmAlphabetTest {
  private static final String EXTENSION = "\f^{}\\[~]|€";

  @Test
  void theDefaultTableIsTheStandardOne() {
    assertThat(GsmAlphabet.septet('@')).isZero();
    assertThat(GsmAlphabet.septet('£')).isEqualTo(0x01);
    assertThat(GsmAlphabet.septet('$')).isEqualTo(0x02);
    assertThat(GsmAlphabet.septet('¥')).isEqualTo(0x03);
    assertThat(GsmAlphabet.septet('Ç')).isEqualTo(0x09);
    assertThat(GsmAlphabet.septet('\n')).isEqualTo(0x0A);
    assertThat(GsmAlphabet.septet('\r')).isEqualTo(0x0D);
    assertThat(GsmAlphabet.septet('Δ')).isEqualTo(0x10);
    assertThat(GsmAlphabet.septet('_')).isEqualTo(0x11);
    assertThat(GsmAlphabet.septet('Ξ')).isEqualTo(0x1A);
    assertThat(GsmAlphabet.septet('É')).isEqualTo(0x1F);
    assertThat(GsmAlphabet.septet(' ')).isEqualTo(0x20);
    assertThat(GsmAlphabet.septet('¤')).isEqualTo(0x24);
    assertThat(GsmAlphabet.septet('¡')).isEqualTo(0x40);
    assertThat(GsmAlphabet.septet('A')).isEqualTo(0x41);
    assertThat(GsmAlphabet.septet('§')).isEqualTo(0x5F);
    assertThat(GsmAlphabet.septet('¿')).isEqualTo(0x60);
    assertThat(GsmAlphabet.septet('a')).isEqualTo(0x61);
    assertThat(GsmAlphabet.septet('à')).isEqualTo(0x7F);
    for (char notGsm : new char[] {'ç', '`', '\t', 'Ж', 'і', '\u001B', '\u00A0', 'À'}) {
      assertThat(GsmAlphabet.contains(notGsm)).as("U+%04X", (int) notGsm).isFalse();
    }
  }

  @Test
  void everyDefaultCharacterIsOneSeptetAndRoundTrips() throws Exception {
    StringBuilder all = new StringBuilder();
    for (int septet = 0; septet <= 0x7F; septet++) {
      if (septet == GsmAlphabet.ESCAPE) {
        continue;
      }
      char c = GsmAlphabet.character(septet);
      assertThat(GsmAlphabet.septet(c)).as("septet 0x%02X", septet).isEqualTo(septet);
      EncodedSms one = SmsEncoding.encode(String.valueOf(c), 0);
      assertThat(one.alphabet()).isEqualTo(EncodedSms.Alphabet.GSM7);
      assertThat(one.units()).isEqualTo(1);
      assertThat(one.parts().getFirst().shortMessage()).containsExactly((byte) septet);
      all.append(c);
    }
    assertThat(all).hasSize(127);
    assertThat(all.chars().distinct().count()).isEqualTo(127);
    EncodedSms encoded = SmsEncoding.encode(all.toString(), 0);
    assertThat(encoded.units()).isEqualTo(127);
    assertThat(SmsDecoding.text(encoded)).isEqualTo(all.toString());
  }

  @Test
  void everyExtensionCharacterIsEscapeAndValueCountingTwo() throws Exception {
    String values = "0a 14 28 29 2f 3c 3d 3e 40 65";
    String[] expected = values.split(" ");
    for (int i = 0; i < EXTENSION.length(); i++) {
      char c = EXTENSION.charAt(i);
      EncodedSms encoded = SmsEncoding.encode(String.valueOf(c), 0);
      assertThat(encoded.alphabet()).isEqualTo(EncodedSms.Alphabet.GSM7);
      assertThat(encoded.units()).as("%s", c).isEqualTo(2);
      assertThat(HexFormat.of().formatHex(encoded.parts().getFirst().shortMessage()))
          .isEqualTo("1b" + expected[i]);
      assertThat(SmsDecoding.text(encoded)).isEqualTo(String.valueOf(c));
    }
    EncodedSms all = SmsEncoding.encode("x" + EXTENSION + "y", 0);
    assertThat(all.units()).isEqualTo(2 + 2 * EXTENSION.length());
    assertThat(SmsDecoding.text(all)).isEqualTo("x" + EXTENSION + "y");
  }

  @Test
  void aReceiverReadsUnknownEscapesAsTheStandardAsks() {
    byte[] message = {0x1B, 0x41, 0x1B, 0x1B, 0x62, (byte) 0x80, 0x1B};
    assertThat(SmsDecoding.part((byte) 0, message, false).text()).isEqualTo("A b\uFFFD ");
  }
}
