package io.herald.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A sender is an alphanumeric ID of at most 11 accepted characters with a letter, or an E.164
 * number valid for its country; each refusal names the rule, and the kind gives the SMPP TON/NPI.
 */
class SenderIdTest {
  @Test
  void alphanumericIdsUpToElevenCharacters() throws Exception {
    SenderId id = SenderId.parse("Herald");
    assertThat(id).isEqualTo(new SenderId("Herald", SenderId.Kind.ALPHANUMERIC));
    assertThat(id.ton()).isEqualTo((byte) 5);
    assertThat(id.npi()).isEqualTo((byte) 0);
    assertThat(id.smppAddress()).isEqualTo("Herald");
    assertThat(SenderId.parse("A&B Shop-1_").value()).isEqualTo("A&B Shop-1_");
    assertThat(SenderId.parse("shop.ua").value()).isEqualTo("shop.ua");
    assertThat(SenderId.parse("  Kavarnia7 ").value()).isEqualTo("Kavarnia7");
    assertThat(SenderId.parse("X").kind()).isEqualTo(SenderId.Kind.ALPHANUMERIC);
  }

  @Test
  void numbersInE164() throws Exception {
    SenderId number = SenderId.parse("+380671234567");
    assertThat(number).isEqualTo(new SenderId("+380671234567", SenderId.Kind.NUMBER));
    assertThat(number.ton()).isEqualTo((byte) 1);
    assertThat(number.npi()).isEqualTo((byte) 1);
    assertThat(number.smppAddress()).isEqualTo("380671234567");
    assertThat(SenderId.parse("+380 67 123-45-67")).isEqualTo(number);
  }

  @Test
  void eachRefusalNamesTheRule() {
    assertRefused("", "the sender is empty");
    assertRefused("   ", "the sender is empty");
    assertRefused("HeraldShop12", "at most 11 characters (this one has 12)");
    assertRefused("Магазин", "only Latin letters, digits, spaces and . - _ & (not 'М')");
    assertRefused("Shop!", "(not '!')");
    assertRefused("Shop\u0000", "(not U+0000)");
    assertRefused("Smile\uD83D\uDE00", "(not '\uD83D\uDE00')");
    assertRefused("12345", "needs at least one letter");
    assertRefused("380671234567", "needs at least one letter");
    assertRefused("7575", "needs at least one letter");
    assertRefused("+38067", "the sender number +38067 is not a valid E.164 number: ");
    assertRefused("+38067123456a", "contains letters");
    assertRefused("+999123456789", "not a valid E.164 number");
    assertRefused("+380001234567", "not a valid E.164 number");
  }

  private static void assertRefused(String raw, String reason) {
    assertThatThrownBy(() -> SenderId.parse(raw))
        .isInstanceOf(SenderIdRefused.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
