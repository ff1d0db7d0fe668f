package io.herald.config;

/**
 * A value did not parse. It carries only what was got, already phrased for the sentence "expected
 * X, got Y"; the loader adds the key and the source, which a value type does not know.
 */
final class InvalidValue extends Exception {

  private static final int MAX_SHOWN = 80;

  private final String at;
  private final String expected;

  InvalidValue(String got) {
    this(got, "", null);
  }

  private InvalidValue(String got, String at, String expected) {
    super(got, null, false, false);
    this.at = at;
    this.expected = expected;
  }

  /**
   * The same failure, located inside the key's value (a field of a list item, {@code [0].port})
   * with that part's own expectation, so the message names the field rather than the whole list.
   */
  InvalidValue at(String where, String whatWasExpected) {
    return new InvalidValue(got(), where + at, expected == null ? whatWasExpected : expected);
  }

  /** Where inside the value it failed, appended to the key's path; "" for the whole value. */
  String where() {
    return at;
  }

  /** What was expected of the part that failed, or {@code fallback} for the whole value. */
  String expectedOr(String fallback) {
    return expected == null ? fallback : expected;
  }

  /** What was got, e.g. {@code "abc"}, {@code an empty value}, {@code a mapping}. */
  String got() {
    return getMessage();
  }

  /** The offending text, quoted, shortened and kept on one line. */
  static InvalidValue of(String text) {
    return new InvalidValue(quote(text));
  }

  static String quote(String text) {
    if (text.isBlank()) {
      return "an empty value";
    }
    String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    StringBuilder sb = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                  if (Character.isISOControl(c)) {
                    sb.append(String.format("\\u%04x", c));
                  } else {
                    sb.appendCodePoint(c);
                  }
                }
              }
            });
    return sb.append('"').toString();
  }
}
