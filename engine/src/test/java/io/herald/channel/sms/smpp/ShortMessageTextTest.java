package io.herald.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShortMessageTextTest {

  @Test
  void gsm7_septets_read_back_with_the_extension_table() {
    String text = "@£$¥ Hello {world} [€5] ~|^\\ Ää Ññ ¿¡ ΔΩ";
    byte[] septets = ShortMessageText.gsm7Septets(text);

    assertThat(septets).isNotNull();
    assertThat(septets[0]).isEqualTo((byte) 0x00); // @
    assertThat(ShortMessageText.decode((byte) 0x00, septets, false)).isEqualTo(text);
  }

  @Test
  void every_default_alphabet_septet_has_a_character() {
    byte[] all = new byte[128];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) (i == 0x1B ? 0x20 : i);
    }

    String text = ShortMessageText.decode((byte) 0x00, all, false);

    assertThat(text).hasSize(128);
    assertThat(ShortMessageText.gsm7Septets(text)).isEqualTo(all);
  }

  @Test
  void text_outside_gsm7_has_no_septets() {
    assertThat(ShortMessageText.gsm7Septets("СТОП")).isNull();
    assertThat(ShortMessageText.gsm7Septets("ok 😀")).isNull();
  }

  @Test
  void ucs2_keeps_cyrillic_and_surrogate_pairs_and_a_udh_is_skipped() {
    byte[] body = "ВІДПИСАТИСЯ 😀".getBytes(StandardCharsets.UTF_16BE);
    byte[] withUdh = new byte[6 + body.length];
    byte[] udh = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01};
    System.arraycopy(udh, 0, withUdh, 0, 6);
    System.arraycopy(body, 0, withUdh, 6, body.length);

    assertThat(ShortMessageText.decode((byte) 0x08, withUdh, true)).isEqualTo("ВІДПИСАТИСЯ 😀");
    assertThat(ShortMessageText.decode((byte) 0x08, body, false)).isEqualTo("ВІДПИСАТИСЯ 😀");
  }

  @Test
  void latin1_ascii_and_unknown_codings_keep_every_byte() {
    byte[] latin = "Stop é".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(ShortMessageText.decode((byte) 0x03, latin, false)).isEqualTo("Stop é");
    assertThat(ShortMessageText.decode((byte) 0x01, "STOP".getBytes(), false)).isEqualTo("STOP");
    assertThat(ShortMessageText.decode((byte) 0x04, latin, false)).isEqualTo("Stop é");
    assertThat(ShortMessageText.decode((byte) 0x00, new byte[] {0x05}, true)).isEmpty();
  }
}
