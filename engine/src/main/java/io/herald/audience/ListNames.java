package io.herald.audience;

import java.util.Optional;

/**
 * The rule for a list's name, applied wherever one enters (the API's paths and bodies, an import,
 * the CLI): 1 to {@value #MAX_LENGTH} characters once stripped of surrounding spaces; no control
 * character, no {@code /} or {@code \}, not {@code .} or {@code ..} (a name ends up in URL paths
 * and export file names), and no U+FFFD, which is what bytes that were not UTF-8 decode to.
 */
public final class ListNames {
  public static final int MAX_LENGTH = 100;

  private ListNames() {}

  /** Why {@code name} is not a valid list name, or empty if it is one. */
  public static Optional<String> problem(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()) {
      return Optional.of("a list name is required");
    }
    if (stripped.length() > MAX_LENGTH) {
      return Optional.of("list name is longer than " + MAX_LENGTH + " characters");
    }
    if (stripped.equals(".") || stripped.equals("..")) {
      return Optional.of("list name may not be \".\" or \"..\"");
    }
    boolean bad =
        stripped
            .codePoints()
            .anyMatch(
                c ->
                    Character.isISOControl(c)
                        || c == '/'
                        || c == '\\'
                        || c == '\uFFFD'
                        || Character.getType(c) == Character.SURROGATE);
    return bad
        ? Optional.of(
            "list name may not contain control characters, / or \\, or bytes that are not UTF-8")
        : Optional.empty();
  }
}
