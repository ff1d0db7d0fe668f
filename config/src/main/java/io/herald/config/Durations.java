package io.herald.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way operators write them: {@code 6h}, {@code 30m}, {@code 500ms}, {@code
 * 1h30m}, or ISO-8601 such as {@code PT6H}. Windows and retry ages in configuration are durations,
 * and a bare number is ambiguous (seconds? milliseconds?), so every number needs a unit. It lives
 * here, parsed once into a {@link Duration}, so keys such as a canary window or a retry age reuse
 * one tested grammar instead of each inventing its own. Units: {@code ms}, {@code s}, {@code m},
 * {@code h}, {@code d} (24 hours). Negative durations are rejected.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code 6h}, {@code 30m}, {@code 72h}, {@code 500ms}, {@code 10s}, {@code 1h30m}, {@code
   * 2d} or ISO-8601 ({@code PT6H}, {@code P1DT2H}).
   *
   * @throws IllegalArgumentException if the text is not a non-negative duration with units
   */
  public static Duration parse(String text) {
    String t = text.strip();
    Duration d =
        t.toUpperCase(Locale.ROOT).startsWith("P") || t.startsWith("-P") ? iso(t) : units(t);
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(
          "not a duration: \""
              + text
              + "\" (a number with a unit ms, s, m, h, d, such as 6h or 1h30m, or ISO-8601 such as"
              + " PT6H)");
    }
    return d;
  }

  private static Duration iso(String t) {
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration units(String t) {
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.lookingAt()) {
      try {
        total = total.plus(Duration.of(Long.parseLong(m.group(1)), unit(m.group(2))));
      } catch (ArithmeticException | NumberFormatException e) { // too large
        return null;
      }
      end = m.end();
      m.region(end, t.length());
    }
    return end > 0 && end == t.length() ? total : null;
  }

  private static ChronoUnit unit(String u) {
    return switch (u) {
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      case "d" -> ChronoUnit.DAYS;
      default -> throw new IllegalStateException("unit not in the pattern: " + u);
    };
  }
}
