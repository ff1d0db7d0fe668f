package io.herald.plan;

import java.math.BigDecimal;

/**
 * Sums of money in minor units (kopiyky), shown and read with two decimals: never floating point.
 */
public final class Money {
  /** The largest single top-up: a typo of extra zeros is refused, not credited. */
  public static final long MAX_TOP_UP_MINOR = 100_000_000_00L;

  private Money() {}

  /** 39000, "UAH" → "390.00 UAH". */
  public static String format(long minor, String currency) {
    return decimal(minor) + " " + currency;
  }

  /** 39000 → "390.00". */
  public static String decimal(long minor) {
    return BigDecimal.valueOf(minor, 2).toPlainString();
  }

  /**
   * "390", "390.5" or "390.50" → 39050; empty when the text is not a positive amount with at most
   * two decimals within {@link #MAX_TOP_UP_MINOR}.
   */
  public static java.util.OptionalLong parsePositive(String text) {
    if (text == null || !text.strip().matches("[0-9]{1,12}(\\.[0-9]{1,2})?")) {
      return java.util.OptionalLong.empty();
    }
    long minor = new BigDecimal(text.strip()).movePointRight(2).longValueExact();
    return minor > 0 && minor <= MAX_TOP_UP_MINOR
        ? java.util.OptionalLong.of(minor)
        : java.util.OptionalLong.empty();
  }
}
