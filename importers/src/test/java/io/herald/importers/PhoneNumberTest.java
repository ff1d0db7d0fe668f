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

  @Test
  void internationalNumbersOfEveryRegionGiveWhatLibphonenumbersParserGives() throws Exception {
    var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
    int checked = 0;
    for (String region : util.getSupportedRegions()) {
      for (var type :
          java.util.List.of(
              com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.MOBILE,
              com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.FIXED_LINE)) {
        var example = util.getExampleNumberForType(region, type);
        if (example == null) {
          continue;
        }
        for (var format :
            java.util.List.of(
                com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164,
                com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL)) {
          String written = util.format(example, format);
          var expected = util.parse(written, "UA");
          assertThat(PhoneNumber.parse(written, "UA"))
              .as(written)
              .isEqualTo(
                  new PhoneNumber(
                      util.format(
                          expected,
                          com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164),
                      util.getRegionCodeForNumber(expected)));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(400);
  }

  @Test
  void nationalNumbersOfEveryRegionGiveWhatLibphonenumbersParserGives() throws Exception {
    var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
    int checked = 0;
    for (String region : util.getSupportedRegions()) {
      for (var type :
          java.util.List.of(
              com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.MOBILE,
              com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.FIXED_LINE)) {
        var example = util.getExampleNumberForType(region, type);
        if (example == null) {
          continue;
        }
        String written =
            util.format(
                example, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
        var expected = util.parse(written, region);
        if (!util.isValidNumber(expected)) {
          continue;
        }
        assertThat(PhoneNumber.parse(written, region))
            .as(region + " " + written)
            .isEqualTo(
                new PhoneNumber(
                    util.format(
                        expected,
                        com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164),
                    util.getRegionCodeForNumber(expected)));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(300);
  }
}
