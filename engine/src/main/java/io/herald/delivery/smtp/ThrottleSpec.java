package io.herald.delivery.smtp;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message rate such as {@code 100/s}, {@code 6000/min} or {@code 20/h}, parsed once from
 * configuration into a value: {@code permits} messages per {@code period}. {@link #window()} turns
 * it into the short, smooth refresh window a rate limiter uses, so that {@code 6000/min} does not
 * burst 6000 messages at the top of each minute.
 */
public record ThrottleSpec(long permits, Duration period) {
  private static final Pattern SPEC =
      Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*([a-z]+)\\s*", Pattern.CASE_INSENSITIVE);

  /** Below this many permits per window, halving a destination's rate loses too much precision. */
  private static final int WINDOW_PERMITS = 10;

  private static final Duration SHORTEST_WINDOW = Duration.ofMillis(10);

  public ThrottleSpec {
    if (permits < 1) {
      throw new IllegalArgumentException("a rate needs at least 1 permit, got " + permits);
    }
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate needs a positive period, got " + period);
    }
  }

  /** Parses {@code N/s}, {@code N/min}, {@code N/h} or {@code N/d} (long unit names accepted). */
  public static ThrottleSpec parse(String text) {
    Matcher m = SPEC.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "rate '" + text + "' is not of the form N/s, N/min, N/h or N/d");
    }
    return new ThrottleSpec(Long.parseLong(m.group(1)), unit(m.group(2), text));
  }

  private static Duration unit(String unit, String text) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "s", "sec", "second" -> Duration.ofSeconds(1);
      case "m", "min", "minute" -> Duration.ofMinutes(1);
      case "h", "hour" -> Duration.ofHours(1);
      case "d", "day" -> Duration.ofDays(1);
      default ->
          throw new IllegalArgumentException(
              "rate '" + text + "' has unknown unit '" + unit + "' (s, min, h or d)");
    };
  }

  /** The same rate in messages per second. */
  public double perSecond() {
    return permits / (period.toNanos() / 1e9);
  }

  /**
   * The rate as {@code limit} permits per {@code refresh}: about ten permits per window (fewer when
   * the rate itself is lower), and a window no shorter than 10 ms, so the rate is smooth yet can be
   * halved and regrown in whole permits.
   */
  public Window window() {
    long limit = Math.min(permits, WINDOW_PERMITS);
    long refreshNanos = period.toNanos() * limit / permits;
    if (refreshNanos < SHORTEST_WINDOW.toNanos()) {
      limit = Math.ceilDiv(permits * SHORTEST_WINDOW.toNanos(), period.toNanos());
      refreshNanos = period.toNanos() * limit / permits;
    }
    return new Window((int) Math.min(limit, Integer.MAX_VALUE), Duration.ofNanos(refreshNanos));
  }

  @Override
  public String toString() {
    return permits + "/" + period;
  }

  /** A rate-limiter window: {@code limit} permits every {@code refresh}. */
  public record Window(int limit, Duration refresh) {}
}
