package io.herald.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Viber business messages through the Vonage Messages API (docs/viber.md): whether the channel
 * runs, where the API is and the account's credentials, the secret Vonage signs status callbacks
 * with, the URL those callbacks go to, and how the Reports API is polled for the statuses whose
 * callbacks did not come. See {@code docs/configuration.md} for each key. {@link #toString()}
 * leaves the secrets out, so a logged configuration never shows them.
 *
 * @param enabled whether the Viber channel runs (off: Viber campaigns are refused)
 * @param baseUrl the API's base URL ({@code https://api.nexmo.com}, or a simulator's)
 * @param apiKey the Vonage API key (Basic authentication; also the Reports API's account id)
 * @param apiSecret the Vonage API secret
 * @param signatureSecret the account's signature secret: status callbacks are HS256 JWTs signed
 *     with it, and Herald refuses any callback it did not sign
 * @param callbackUrl where Vonage sends status callbacks (the application's status URL); by default
 *     {@code tracking.baseUrl} + {@code /viber/reports}
 * @param pollInterval how often the Reports API is asked for statuses
 * @param pollLookback how far back each poll looks (at least the longest validity, so a late status
 *     is still found)
 * @param requestTimeout how long one request to the API may take before the message is deferred
 * @param callbackMaxAge how old a signed callback may be when it arrives
 */
public record ViberConfig(
    boolean enabled,
    URI baseUrl,
    String apiKey,
    String apiSecret,
    String signatureSecret,
    URI callbackUrl,
    Duration pollInterval,
    Duration pollLookback,
    Duration requestTimeout,
    Duration callbackMaxAge) {

  public ViberConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(apiSecret, "apiSecret");
    Objects.requireNonNull(signatureSecret, "signatureSecret");
    Objects.requireNonNull(callbackUrl, "callbackUrl");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(pollLookback, "pollLookback");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(callbackMaxAge, "callbackMaxAge");
  }

  @Override
  public String toString() {
    return "ViberConfig[enabled="
        + enabled
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + apiKey
        + ", callbackUrl="
        + callbackUrl
        + ", pollInterval="
        + pollInterval
        + ", pollLookback="
        + pollLookback
        + ", requestTimeout="
        + requestTimeout
        + ", callbackMaxAge="
        + callbackMaxAge
        + "]";
  }
}
