package io.herald.bench;

/**
 * The phones of the SMS scenario, the same on both sides: the {@code i}-th is a Ukrainian mobile
 * number (+38067 followed by seven digits), valid for Herald's import and for libphonenumber.
 */
final class BenchPhones {
  private BenchPhones() {}

  /** E.164, as Herald's list holds it. */
  static String e164(long i) {
    return "+" + digits(i);
  }

  /** The digits of the destination address of a {@code submit_sm} (TON international). */
  static String digits(long i) {
    return String.format("38067%07d", i);
  }
}
