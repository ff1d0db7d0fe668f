package io.herald.account;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The identity of a tenant: every contact, list and campaign belongs to exactly one account. */
public record AccountId(String value) {
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

  public AccountId {
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not an account id: " + value);
    }
  }

  static AccountId random(RandomGenerator random) {
    return new AccountId(HexFormat.of().toHexDigits(random.nextLong()));
  }

  @Override
  public String toString() {
    return value;
  }
}
