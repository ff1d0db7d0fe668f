package io.herald.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.channel.sms.EncodedSms.Alphabet;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * R1: GSM-7 when every character allows it, otherwise UCS-2 for the whole text; 160 / 70 units in
 * one SMS, 153 / 67 per concatenated part with an 8-bit concatenation header, never splitting an
 * escape pair or a surrogate pair; at most ten parts.
 */
class SmsEncodingTest {
  private static final String EMOJI = "\uD83D\uDE00"; // 😀, a surrogate pair

  private static EncodedSms encode(String text) throws SmsTextRefused {
    return SmsEncoding.encode(text, 0x2A);
  }

  /** Units each part carries, the header left out. */
  private static List<Integer> partUnits(EncodedSms sms) {
    int perUnit = sms.alphabet() == Alphabet.GSM7 ? 1 : 2;
    return sms.parts().stream()
        .map(p -> (p.shortMessage().length - (p.udh() ? 6 : 0)) / perUnit)
        .toList();
  }

  @Test
  void ukrainianAndRussianTextsGoAsUcs2() throws Exception {
    for (String text : List.of("Привіт, Ґанно! Знижка 20% на все.", "Привет! Скидка 20% на всё.")) {
      EncodedSms sms = encode(text);
      assertThat(sms.alphabet()).isEqualTo(Alphabet.UCS2);
      assertThat(sms.alphabet().dataCoding()).isEqualTo((byte) 0x08);
      assertThat(sms.units()).isEqualTo(text.length());
      assertThat(sms.parts().getFirst().shortMessage())
          .isEqualTo(text.getBytes(StandardCharsets.UTF_16BE));
      assertThat(sms.parts().getFirst().udh()).isFalse();
      assertThat(SmsDecoding.text(sms)).isEqualTo(text);
    }
  }

  @Test
  void oneCharacterOutsideGsmMakesTheWholeTextUcs2() throws Exception {
    assertThat(encode("Sale today at our shop!").alphabet()).isEqualTo(Alphabet.GSM7);
    assertThat(encode("Sale today at our shop!").alphabet().dataCoding()).isZero();
    assertThat(encode("Sale today at our shop, ж").alphabet()).isEqualTo(Alphabet.UCS2);
    assertThat(encode("Façade").alphabet()).isEqualTo(Alphabet.UCS2);
    assertThat(encode("Smile " + EMOJI).alphabet()).isEqualTo(Alphabet.UCS2);
  }

  @Test
  void gsm7BoundariesAt160And161() throws Exception {
    EncodedSms single = encode("a".repeat(160));
    assertThat(single.parts()).hasSize(1);
    assertThat(single.parts().getFirst().udh()).isFalse();
    assertThat(single.parts().getFirst().shortMessage()).hasSize(160);

    EncodedSms two = encode("a".repeat(161));
    assertThat(partUnits(two)).containsExactly(153, 8);
    assertThat(two.parts()).allSatisfy(p -> assertThat(p.udh()).isTrue());
  }

  @Test
  void gsm7BoundariesAt153TimesN() throws Exception {
    for (int n = 2; n <= SmsEncoding.MAX_PARTS; n++) {
      assertThat(encode("b".repeat(153 * n)).parts()).as("153×%d", n).hasSize(n);
      if (n < SmsEncoding.MAX_PARTS) {
        List<Integer> units = partUnits(encode("b".repeat(153 * n + 1)));
        assertThat(units).as("153×%d+1", n).hasSize(n + 1).endsWith(1);
        assertThat(units.subList(0, n)).containsOnly(153);
      }
    }
  }

  @Test
  void ucs2BoundariesAt70And71And67TimesN() throws Exception {
    assertThat(encode("ж".repeat(70)).parts()).hasSize(1);
    assertThat(encode("ж".repeat(70)).parts().getFirst().shortMessage()).hasSize(140);
    assertThat(partUnits(encode("ж".repeat(71)))).containsExactly(67, 4);
    for (int n = 2; n <= SmsEncoding.MAX_PARTS; n++) {
      assertThat(encode("ж".repeat(67 * n)).parts()).as("67×%d", n).hasSize(n);
      if (n < SmsEncoding.MAX_PARTS) {
        assertThat(partUnits(encode("ж".repeat(67 * n + 1)))).as("67×%d+1", n).hasSize(n + 1);
      }
    }
  }

  @Test
  void anExtensionCharacterCountsTwoAtTheSingleSmsLimit() throws Exception {
    assertThat(encode("a".repeat(158) + "€").parts()).hasSize(1);
    assertThat(encode("a".repeat(158) + "€").units()).isEqualTo(160);
    assertThat(encode("a".repeat(159) + "€").parts()).hasSize(2);
  }

  @Test
  void anEscapePairAtAPartBoundaryMovesWholeToTheNextPart() throws Exception {
    EncodedSms sms = encode("a".repeat(152) + "{" + "c".repeat(10));
    assertThat(sms.units()).isEqualTo(164);
    assertThat(partUnits(sms)).containsExactly(152, 12);
    byte[] second = sms.parts().get(1).shortMessage();
    assertThat(second[6]).isEqualTo((byte) 0x1B);
    assertThat(second[7]).isEqualTo((byte) 0x28);
    assertThat(sms.parts().getFirst().shortMessage()[157]).isEqualTo((byte) 'a');
    assertThat(SmsDecoding.text(sms)).isEqualTo("a".repeat(152) + "{" + "c".repeat(10));
  }

  @Test
  void anEmojiIsNeverSplitAndCountsTwoUnits() throws Exception {
    assertThat(encode("a".repeat(68) + EMOJI).parts()).hasSize(1);
    assertThat(encode("a".repeat(69) + EMOJI).parts()).hasSize(2);

    String text = "ж".repeat(66) + EMOJI + "ж".repeat(5);
    EncodedSms sms = encode(text);
    assertThat(sms.units()).isEqualTo(73);
    assertThat(partUnits(sms)).containsExactly(66, 7);
    assertThat(HexFormat.of().formatHex(sms.parts().get(1).shortMessage(), 6, 10))
        .isEqualTo("d83dde00");
    assertThat(SmsDecoding.text(sms)).isEqualTo(text);

    for (EncodedSms.Part part : encode(EMOJI.repeat(100)).parts()) {
      String piece = SmsDecoding.part((byte) 8, part.shortMessage(), true).text();
      assertThat(piece.codePoints()).containsOnly(0x1F600);
    }
  }

  @Test
  void eachPartCarriesAnEightBitConcatenationHeader() throws Exception {
    EncodedSms sms = SmsEncoding.encode("x".repeat(400), 0x1A7);
    assertThat(sms.parts()).hasSize(3);
    for (int seq = 1; seq <= 3; seq++) {
      EncodedSms.Part part = sms.parts().get(seq - 1);
      assertThat(part.udh()).isTrue();
      assertThat(HexFormat.of().formatHex(part.shortMessage(), 0, 6))
          .isEqualTo("050003a703" + "0" + seq);
      assertThat(Concatenation.read(part.shortMessage())).contains(new Concatenation(0xA7, 3, seq));
    }
  }

  @Test
  void decodingReadsPartsWithAndWithoutHeaders() {
    byte[] plain = {0x48, 0x69};
    assertThat(SmsDecoding.part((byte) 0, plain, false))
        .isEqualTo(new SmsDecoding.DecodedPart("Hi", Optional.empty()));
    byte[] sixteenBit = {0x06, 0x08, 0x04, 0x01, 0x02, 0x02, 0x01, 0x00, 0x4F, 0x04, 0x56};
    assertThat(SmsDecoding.part((byte) 8, sixteenBit, true))
        .isEqualTo(new SmsDecoding.DecodedPart("Oі", Optional.of(new Concatenation(0x0102, 2, 1))));
    byte[] portsThenConcat = {
      0x0B, 0x05, 0x04, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0, 0x00, 0x03, 0x07, 0x02, 0x02, 0x6F
    };
    assertThat(SmsDecoding.part((byte) 0, portsThenConcat, true))
        .isEqualTo(new SmsDecoding.DecodedPart("o", Optional.of(new Concatenation(7, 2, 2))));
    assertThatThrownBy(() -> SmsDecoding.part((byte) 0, new byte[] {0x09, 0x00}, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmsDecoding.part((byte) 0x04, plain, false))
        .hasMessageContaining("data_coding 0x04");
  }

  @Test
  void emptyTooLongAndBrokenTextsAreRefusedWithAReason() throws Exception {
    assertThatThrownBy(() -> encode(""))
        .isInstanceOf(SmsTextRefused.class)
        .hasMessageContaining("empty");
    assertThat(encode("a".repeat(153 * SmsEncoding.MAX_PARTS)).parts()).hasSize(10);
    assertThatThrownBy(() -> encode("a".repeat(153 * SmsEncoding.MAX_PARTS + 1)))
        .isInstanceOf(SmsTextRefused.class)
        .hasMessage(
            "the SMS text is too long: 1531 GSM-7 units make 11 parts; at most 10 parts (1530"
                + " units) are sent");
    assertThat(encode("ж".repeat(670)).parts()).hasSize(10);
    assertThatThrownBy(() -> encode("ж".repeat(671)))
        .isInstanceOf(SmsTextRefused.class)
        .hasMessageContaining("671 UCS-2 units make 11 parts");
    assertThatThrownBy(() -> encode("ok \uD83D then"))
        .isInstanceOf(SmsTextRefused.class)
        .hasMessageContaining("lone UTF-16 surrogate) at position 4");
  }

  @Test
  void thePreviewCountsCharactersUnitsPartsAndWhatIsLeft() throws Exception {
    assertThat(SmsPreview.of("Hi " + EMOJI)).isEqualTo(new SmsPreview("UCS-2", 4, 5, 1, 70, 65));
    assertThat(SmsPreview.of("Price: 5€")).isEqualTo(new SmsPreview("GSM-7", 9, 10, 1, 160, 150));
    assertThat(SmsPreview.of("a".repeat(161)))
        .isEqualTo(new SmsPreview("GSM-7", 161, 161, 2, 153, 145));
    assertThat(SmsPreview.of("ж".repeat(134)))
        .isEqualTo(new SmsPreview("UCS-2", 134, 134, 2, 67, 0));
  }
}
