package io.herald.audience;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The languages a list may speak to its contacts (R15): {@code uk} or {@code en}. A list's SMS
 * opt-out line and the unsubscribe page its short links lead to are in its language. Ukrainian is
 * the default: Herald's users are Ukrainian marketers writing to Ukrainian audiences, and a list of
 * English speakers is the exception they name on import.
 */
public final class ListLanguages {
  /** A list's language when its import names none. */
  public static final String DEFAULT = "uk";

  private static final Set<String> KNOWN = Set.of("uk", "en");

  private ListLanguages() {}

  /** The language as stored ({@code uk}, {@code en}; any case given), empty for any other. */
  public static Optional<String> parse(String language) {
    String lower = language == null ? "" : language.toLowerCase(Locale.ROOT);
    return KNOWN.contains(lower) ? Optional.of(lower) : Optional.empty();
  }

  /** Why {@code language} is refused, in one line. */
  public static String refusal(String language) {
    return "language must be \"uk\" or \"en\", not \"" + language + "\"";
  }
}
