package io.herald.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumberTest {

  @Test
  void regionComesFromTheNumberNotTheCountryCode() throws Exception {
    assertThat(PhoneNumber.parse("+7 701 123 4567", "UA"))
        .isEqualTo(new PhoneNumber("+77011234567", "KZ"));
    assertThat(PhoneNumber.parse("+7 495 123-45-67", "UA"))
        .isEqualTo(new PhoneNumber("+74951234567", "RU"));
  }

  @Test
  void defaultRegionAppliesToNationalNumbers() throws Exception {
    assertThat(PhoneNumber.parse("067 123 4567", "UA"))
        .isEqualTo(new PhoneNumber("+380671234567", "UA"));
    assertThat(PhoneNumber.parse("(067) 123-45-67", "UA").e164()).isEqualTo("+380671234567");
    assertThat(PhoneNumber.parse("380671234567", "UA").e164()).isEqualTo("+380671234567");
    assertThat(PhoneNumber.parse("00380671234567", "UA").e164()).isEqualTo("+380671234567");
  }

  @Test
  void invalidNumbersSayWhy() {
    assertThatThrownBy(() -> PhoneNumber.parse("+380 67 12", "UA"))
        .isInstanceOf(InvalidAddressException.class)
        .hasMessage("too short");
    assertThatThrownBy(() -> PhoneNumber.parse("067 CALL NOW", "UA"))
        .hasMessage("contains letters");
    assertThatThrownBy(() -> PhoneNumber.parse("0671234567", "ZZ"))
        .hasMessage("no country code (write it with +)");
  }
}
