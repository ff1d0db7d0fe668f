package io.herald.config;

import static io.herald.config.ValueTypes.bool;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.httpUrl;
import static io.herald.config.ValueTypes.optionalText;
import static io.herald.config.ValueTypes.secret;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code viber.*} keys: Viber business messages through the Vonage Messages API. Declared apart
 * from {@link ConfigSchema} to keep each file to one section; the schema lists them and assembles
 * {@link ViberConfig}.
 */
final class ViberKeys {
  private ViberKeys() {}

  /** Vonage's signature secrets are 32 to 64 characters; a short one is a paste error. */
  static final int MIN_SIGNATURE_SECRET = 16;

  static final String CALLBACK_PATH = "/viber/reports";

  static final ConfigKey<Boolean> VIBER_ENABLED =
      ConfigKey.of(
          "viber.enabled",
          bool("true or false"),
          "false",
          "Whether the Viber channel runs; it needs apiKey, apiSecret and signatureSecret.");
  static final ConfigKey<URI> VIBER_BASE_URL =
      ConfigKey.of(
          "viber.baseUrl",
          httpUrl("an absolute http(s) URL"),
          "https://api.nexmo.com",
          "Base URL of the Vonage Messages and Reports APIs (or of the simulator).");
  static final ConfigKey<Optional<String>> VIBER_API_KEY =
      ConfigKey.of("viber.apiKey", optionalText("the Vonage API key"), "", "The Vonage API key.");
  static final ConfigKey<String> VIBER_API_SECRET =
      ConfigKey.of(
          "viber.apiSecret",
          secret(256, "at most 256 characters"),
          "",
          "The Vonage API secret (prefer the environment variable to the file).");
  static final ConfigKey<String> VIBER_SIGNATURE_SECRET =
      ConfigKey.of(
          "viber.signatureSecret",
          secret(256, "at most 256 characters"),
          "",
          "The account's signature secret; status callbacks not signed with it are refused.");
  static final ConfigKey<Optional<String>> VIBER_CALLBACK_URL =
      ConfigKey.of(
          "viber.callbackUrl",
          optionalText("an absolute http(s) URL, or empty"),
          "",
          "The status URL given to Vonage; empty: tracking.baseUrl + /viber/reports.");
  static final ConfigKey<Duration> VIBER_POLL_INTERVAL =
      ConfigKey.of(
          "viber.pollInterval",
          duration("a duration such as 5m"),
          "5m",
          "How often the Reports API is asked for statuses whose callbacks did not come.");
  static final ConfigKey<Duration> VIBER_POLL_LOOKBACK =
      ConfigKey.of(
          "viber.pollLookback",
          duration("a duration such as 73h"),
          "73h",
          "How far back each poll looks; at least the longest Viber validity (72h).");
  static final ConfigKey<Duration> VIBER_REQUEST_TIMEOUT =
      ConfigKey.of(
          "viber.requestTimeout",
          duration("a duration such as 10s"),
          "10s",
          "How long one request to the API may take; then the message is deferred.");
  static final ConfigKey<Duration> VIBER_CALLBACK_MAX_AGE =
      ConfigKey.of(
          "viber.callbackMaxAge",
          duration("a duration such as 5m"),
          "5m",
          "How old a signed callback (its iat) may be when it arrives; older ones are refused.");

  static final List<ConfigKey<?>> KEYS =
      List.of(
          VIBER_ENABLED,
          VIBER_BASE_URL,
          VIBER_API_KEY,
          VIBER_API_SECRET,
          VIBER_SIGNATURE_SECRET,
          VIBER_CALLBACK_URL,
          VIBER_POLL_INTERVAL,
          VIBER_POLL_LOOKBACK,
          VIBER_REQUEST_TIMEOUT,
          VIBER_CALLBACK_MAX_AGE);

  static ViberConfig assemble(ConfigSchema.Values v) {
    boolean enabled = v.get(VIBER_ENABLED);
    String apiKey = v.get(VIBER_API_KEY).orElse("");
    String signatureSecret = v.get(VIBER_SIGNATURE_SECRET);
    if (enabled && (apiKey.isEmpty() || v.get(VIBER_API_SECRET).isEmpty())) {
      throw new IllegalArgumentException(
          "viber.enabled is true but viber.apiKey or viber.apiSecret is empty");
    }
    if (enabled && signatureSecret.length() < MIN_SIGNATURE_SECRET) {
      // Without it every status callback would have to be refused (or, worse, trusted).
      throw new IllegalArgumentException(
          "viber.enabled is true but viber.signatureSecret is shorter than "
              + MIN_SIGNATURE_SECRET
              + " characters");
    }
    URI callbackUrl =
        v.get(VIBER_CALLBACK_URL)
            .map(ViberKeys::callbackUrl)
            .orElseGet(() -> URI.create(v.get(ConfigSchema.TRACKING_BASE_URL) + CALLBACK_PATH));
    return new ViberConfig(
        enabled,
        v.get(VIBER_BASE_URL),
        apiKey,
        v.get(VIBER_API_SECRET),
        signatureSecret,
        callbackUrl,
        v.get(VIBER_POLL_INTERVAL),
        v.get(VIBER_POLL_LOOKBACK),
        v.get(VIBER_REQUEST_TIMEOUT),
        v.get(VIBER_CALLBACK_MAX_AGE));
  }

  private static URI callbackUrl(String text) {
    try {
      return httpUrl("").fromText(text);
    } catch (InvalidValue | RuntimeException e) {
      throw new IllegalArgumentException(
          "viber.callbackUrl: expected an absolute http(s) URL, got \"" + text + "\"");
    }
  }
}
