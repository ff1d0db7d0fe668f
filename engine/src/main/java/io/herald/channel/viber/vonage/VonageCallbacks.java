package io.herald.channel.viber.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.channel.viber.ViberCallbacks;
import io.herald.channel.viber.ViberReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Vonage's message status callbacks ({@code POST} to the application's status URL, one status per
 * request), read only after {@link VonageSignedWebhook} found the signature genuine. A status
 * Herald does not act on ({@code submitted}) reads as no report; a signed body that is not a JSON
 * object is refused as malformed.
 */
public final class VonageCallbacks implements ViberCallbacks {
  /** How old a signed callback may be: Vonage retries for a while, so not tighter than this. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  private final VonageSignedWebhook signature;
  private final VonageJson json;
  private final Clock clock;

  public VonageCallbacks(
      String signatureSecret, Duration maxAge, ObjectMapper mapper, Clock clock) {
    this.json = new VonageJson(mapper);
    this.signature = new VonageSignedWebhook(signatureSecret, maxAge, clock, json);
    this.clock = clock;
  }

  @Override
  public List<ViberReport> read(Map<String, String> headers, byte[] body) throws CallbackRefused {
    signature.verify(headers, body);
    JsonNode status =
        json.tree(body)
            .orElseThrow(() -> new CallbackRefused("the callback is not a JSON object", true));
    List<ViberReport> reports = new ArrayList<>(1);
    json.statusReport(status, clock.instant()).ifPresent(reports::add);
    return reports;
  }
}
