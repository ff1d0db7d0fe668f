package io.herald.account;

import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The public identity of one API key (never the key itself): 16 hex digits. */
public record ApiKeyId(String value) {
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

  public ApiKeyId {
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not an API key id: " + value);
    }
  }

  /** The id in {@code text}, or empty when it is not one (a hostile path segment, say). */
  public static Optional<ApiKeyId> parse(String text) {
    return text != null && FORM.matcher(text).matches()
        ? Optional.of(new ApiKeyId(text))
        : Optional.empty();
  }

  static ApiKeyId random(RandomGenerator random) {
    return new ApiKeyId(HexFormat.of().toHexDigits(random.nextLong()));
  }

  @Override
  public String toString() {
    return value;
  }
}
