package io.herald.account;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The identity of a person who signs in to the pages: an account's user or a staff member. */
public record UserId(String value) {
  private static final Pattern FORM = Pattern.compile("u[0-9a-f]{16}");

  public UserId {
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not a user id: " + value);
    }
  }

  static UserId random(RandomGenerator random) {
    return new UserId("u" + HexFormat.of().toHexDigits(random.nextLong()));
  }

  @Override
  public String toString() {
    return value;
  }
}
