package io.herald.importers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber;
import io.herald.importers.internal.Texts;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164, the one form the SMS and Viber gateways accept and the form duplicates
 * are merged on (R2). The region comes from the number itself, via libphonenumber, not from the
 * account's default: the jurisdiction policy (R14) needs "KZ" for +7 701… and "RU" for +7 495…,
 * although both share the country code 7.
 *
 * @param e164 e.g. "+380671234567"
 * @param regionCode the ISO 3166 region of the number ("UA", "RU", "KZ"…), or "ZZ" if unknown
 */
public record PhoneNumber(String e164, String regionCode) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{2,14}");
  private static final Pattern REGION = Pattern.compile("[A-Z]{2}|[0-9]{3}");

  /** Checks the shape only; use {@link #parse} for anything typed by a person. */
  public PhoneNumber {
    Objects.requireNonNull(e164, "e164");
    Objects.requireNonNull(regionCode, "regionCode");
    if (!E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("not an E.164 number: " + e164);
    }
    if (!REGION.matcher(regionCode).matches()) {
      throw new IllegalArgumentException("not a region code: " + regionCode);
    }
  }

  /**
   * Parses a number as a person wrote it ("+380 67 123-45-67", "(067) 123 4567", "tel:+3806…").
   * Numbers without '+' are read as national numbers of {@code defaultRegion} (or with its
   * international prefix, e.g. "00"). The number must be valid for its region according to
   * libphonenumber, not merely of a plausible length.
   *
   * @throws InvalidAddressException with a short reason such as "too short"
   */
  public static PhoneNumber parse(String raw, String defaultRegion) throws InvalidAddressException {
    String text = Texts.stripSpaces(Objects.requireNonNull(raw, "raw"));
    if (text.regionMatches(true, 0, "tel:", 0, 4)) {
      text = Texts.stripSpaces(text.substring(4));
    }
    if (text.isEmpty()) {
      throw new InvalidAddressException("empty");
    }
    if (text.chars().anyMatch(Character::isLetter)) {
      throw new InvalidAddressException("contains letters");
    }
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    // National numbers ("067 123 4567") take the generic parser: their prefix rules are in
    // metadata that libphonenumber does not expose.
    PhoneNumber fast = text.charAt(0) == '+' ? parseInternational(util, text) : null;
    if (fast != null) {
      return fast;
    }
    Phonenumber.PhoneNumber number;
    try {
      number = util.parse(text, defaultRegion);
    } catch (NumberParseException e) {
      throw new InvalidAddressException(parseFailure(e.getErrorType(), text));
    }
    // isValidNumber would look the region up itself; looking it up once and validating for it
    // is the same check at half the cost, and imports parse a phone per row.
    String region = util.getRegionCodeForNumber(number);
    if (region == null || !util.isValidNumberForRegion(number, region)) {
      throw new InvalidAddressException(invalidReason(util, number));
    }
    return new PhoneNumber(
        util.format(number, PhoneNumberFormat.E164), region == null ? "ZZ" : region);
  }

  /**
   * The fast path for the commonest input, a number written internationally ("+380 67 123 45 67"):
   * split the country code off by libphonenumber's own table and validate with its metadata,
   * skipping the generic parser's pattern matching, which dominates a large import. Anything
   * unusual — other characters, a national number starting with 0, a number the metadata calls
   * invalid — returns null and goes through {@link PhoneNumberUtil#parse}, which then also gives
   * the reason for a refusal.
   */
  private static PhoneNumber parseInternational(PhoneNumberUtil util, String text) {
    StringBuilder digits = digits(text, 1);
    if (digits == null || digits.length() < 4 || digits.length() > 15 || digits.charAt(0) == '0') {
      return null;
    }
    for (int length = 1; length <= 3; length++) {
      int countryCode = Integer.parseInt(digits, 0, length, 10);
      String owner = util.getRegionCodeForCountryCode(countryCode);
      if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(owner)) {
        return null; // +800 and the like: the generic parser knows them
      }
      if (!"ZZ".equals(owner)) { // country codes are prefix-free: the first match is the one
        String national = digits.substring(length);
        if (national.isEmpty() || national.charAt(0) == '0') {
          return null;
        }
        Phonenumber.PhoneNumber number =
            new Phonenumber.PhoneNumber()
                .setCountryCode(countryCode)
                .setNationalNumber(Long.parseLong(national));
        String region = util.getRegionCodeForNumber(number);
        return region != null && util.isValidNumberForRegion(number, region)
            ? new PhoneNumber("+" + digits, region)
            : null;
      }
    }
    return null;
  }

  /** The digits of {@code text} from {@code start}, skipping separators; null on anything else. */
  private static StringBuilder digits(String text, int start) {
    StringBuilder digits = new StringBuilder(16);
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (" -().".indexOf(c) < 0) {
        return null;
      }
    }
    return digits;
  }

  private static String parseFailure(NumberParseException.ErrorType type, String text) {
    return switch (type) {
      case INVALID_COUNTRY_CODE ->
          text.startsWith("+") ? "unknown country code" : "no country code (write it with +)";
      case NOT_A_NUMBER -> "not a phone number";
      case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
      case TOO_LONG -> "too long";
    };
  }

  private static String invalidReason(PhoneNumberUtil util, Phonenumber.PhoneNumber number) {
    ValidationResult possible = util.isPossibleNumberWithReason(number);
    return switch (possible) {
      case TOO_SHORT -> "too short";
      case TOO_LONG -> "too long";
      case INVALID_COUNTRY_CODE -> "unknown country code";
      case INVALID_LENGTH -> "wrong number of digits";
      case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY -> "not a valid number for its country";
    };
  }
}
