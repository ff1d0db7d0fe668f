package io.herald.config;

import static io.herald.config.ConfigSchema.POSITIVE_INT;
import static io.herald.config.ValueTypes.integer;

import java.util.List;

/**
 * The {@code http.rateLimit.*} keys: requests per API key and per client address of the public
 * pages. Declared apart from {@link ConfigSchema} to keep each file to one section; the schema
 * lists them and assembles {@link RateLimitConfig} into {@link HttpConfig}.
 */
final class RateLimitKeys {
  private RateLimitKeys() {}

  static final ConfigKey<Integer> PER_SECOND =
      ConfigKey.of(
          "http.rateLimit.perSecond",
          integer(1, 1_000_000, POSITIVE_INT),
          "50",
          "Requests per second each API key (and the admin token) may make on average; over it,"
              + " 429 with Retry-After.");
  static final ConfigKey<Integer> BURST =
      ConfigKey.of(
          "http.rateLimit.burst",
          integer(1, 1_000_000, POSITIVE_INT),
          "100",
          "Requests one API key may make at once: the limit is burst requests per"
              + " burst/perSecond seconds.");
  static final ConfigKey<Integer> PUBLIC_PER_SECOND =
      ConfigKey.of(
          "http.rateLimit.publicPerSecond",
          integer(1, 1_000_000, POSITIVE_INT),
          "1000",
          "Requests per second each client address may make to the public pages (/t/, /u/,"
              + " /report) on average: high, so that recipients behind one address are not refused.");
  static final ConfigKey<Integer> PUBLIC_BURST =
      ConfigKey.of(
          "http.rateLimit.publicBurst",
          integer(1, 1_000_000, POSITIVE_INT),
          "5000",
          "Requests one client address may make at once to the public pages.");

  static final List<ConfigKey<?>> KEYS =
      List.of(PER_SECOND, BURST, PUBLIC_PER_SECOND, PUBLIC_BURST);

  static RateLimitConfig assemble(ConfigSchema.Values v) {
    return new RateLimitConfig(
        v.get(PER_SECOND), v.get(BURST), v.get(PUBLIC_PER_SECOND), v.get(PUBLIC_BURST));
  }
}
