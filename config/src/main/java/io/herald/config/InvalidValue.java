package io.herald.config;

/**
 * A value did not parse. It carries only what was got, already phrased for the sentence "expected
 * X, got Y"; the loader adds the key and the source, which a value type does not know.
 */
final class InvalidValue extends Exception {

  private static final int MAX_SHOWN = 80;

  InvalidValue(String got) {
    super(got, null, false, false);
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
