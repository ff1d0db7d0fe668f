package io.herald.channel.viber.vonage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How Herald reaches one Vonage account: the API's base URL ({@code https://api.nexmo.com}, or the
 * simulator's), the API key and secret (Basic authentication, which the Messages API and the
 * Reports API both take; the key is also the Reports API's {@code account_id}), how long a request
 * may take, and how far back a poll of the Reports API looks.
 */
public record VonageAccount(
    URI baseUrl, String apiKey, String apiSecret, Duration requestTimeout, Duration pollLookback) {
  public VonageAccount {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(apiSecret, "apiSecret");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(pollLookback, "pollLookback");
    String text = baseUrl.toString();
    if (text.endsWith("/")) {
      baseUrl = URI.create(text.substring(0, text.length() - 1));
    }
  }
}
