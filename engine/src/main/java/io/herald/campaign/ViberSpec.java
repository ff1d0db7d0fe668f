package io.herald.campaign;

import java.time.Duration;
import java.util.Optional;

/**
 * What a Viber campaign has beyond its text ({@link Campaign#text()}) and sender ({@link
 * Campaign#fromAddress()}, the Viber business sender name): an optional image (an https URL), an
 * optional button (caption and https URL, shown under the text), how long Viber keeps trying to
 * deliver it ({@code ttlSeconds}), and the SMS sent instead to a recipient Viber cannot reach (not
 * a Viber user, undelivered, expired) — its text and sender ID; no fallback when {@code
 * fallbackText} is empty. Checked at campaign create ({@code CampaignChecks}); bounds in {@link
 * io.herald.channel.viber.ViberLimits}.
 */
public record ViberSpec(
    Optional<String> imageUrl,
    Optional<String> buttonCaption,
    Optional<String> buttonUrl,
    long ttlSeconds,
    Optional<String> fallbackText,
    Optional<String> fallbackSender) {

  public ViberSpec {
    imageUrl = imageUrl.map(String::strip).filter(s -> !s.isEmpty());
    buttonCaption = buttonCaption.map(String::strip).filter(s -> !s.isEmpty());
    buttonUrl = buttonUrl.map(String::strip).filter(s -> !s.isEmpty());
    fallbackText = fallbackText.filter(s -> !s.isBlank());
    fallbackSender = fallbackSender.map(String::strip).filter(s -> !s.isEmpty());
  }

  public Duration ttl() {
    return Duration.ofSeconds(ttlSeconds);
  }

  /** Whether recipients Viber cannot reach get the SMS instead. */
  public boolean fallsBackToSms() {
    return fallbackText.isPresent();
  }
}
