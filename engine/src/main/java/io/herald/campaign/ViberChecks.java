package io.herald.campaign;

import static io.herald.campaign.CampaignChecks.require;

import io.herald.channel.viber.ViberContentRefused;
import io.herald.channel.viber.ViberLimits;
import io.herald.channel.viber.ViberTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks of a Viber campaign's draft that need no network: one of the shapes Viber allows (text;
 * text and button; text, image and button) and a text that parses ({@link ViberTemplate}, which the
 * channel composes from), within Viber's limits ({@link ViberLimits}), https URLs, a validity
 * within the provider's bounds, and a valid SMS fallback when there is one. A marketing message
 * must carry its unsubscribe link (R3), which Herald adds to the text: an image alone cannot carry
 * it, so an image-only campaign is refused. The room the unsubscribe line takes and the image
 * itself are checked by the node's {@link ViberDraftCheck}.
 */
final class ViberChecks {
  // Vonage takes a Viber sender (from) of at most 50 characters (docs/viber.md).
  static final int MAX_SENDER = 50;

  private ViberChecks() {}

  static void check(Campaigns.Draft draft) throws CampaignRefused {
    require(draft.viber().isPresent(), "a Viber campaign needs its viber settings");
    ViberSpec viber = draft.viber().get();
    require(
        draft.subject().isEmpty() && draft.html().isEmpty() && draft.replyTo().isEmpty(),
        "a Viber campaign has no subject, html or replyTo");
    String sender = draft.fromAddress() == null ? "" : draft.fromAddress().strip();
    require(!sender.isEmpty(), "a Viber sender name (fromAddress) is required");
    require(
        sender.length() <= MAX_SENDER && sender.chars().noneMatch(Character::isISOControl),
        "a Viber sender name is one line of at most " + MAX_SENDER + " characters");
    require(
        draft.text().map(String::length).orElse(0) <= ViberLimits.MAX_TEXT,
        "a Viber text is at most " + ViberLimits.MAX_TEXT + " characters");
    try {
      ViberTemplate.compile(draft.text(), viber, draft.trackClicks());
    } catch (ViberContentRefused e) {
      throw new CampaignRefused(e.getMessage(), false);
    }
    if (viber.imageUrl().isPresent()) {
      https(viber.imageUrl().get(), "imageUrl");
    }
    if (viber.buttonCaption().isPresent()) {
      require(
          viber.buttonCaption().get().length() <= ViberLimits.MAX_BUTTON_CAPTION,
          "a Viber button caption is at most " + ViberLimits.MAX_BUTTON_CAPTION + " characters");
      require(
          viber.buttonCaption().get().chars().noneMatch(Character::isISOControl),
          "a Viber button caption is one line");
      https(viber.buttonUrl().get(), "buttonUrl");
    }
    Duration ttl = viber.ttl();
    require(
        ttl.compareTo(ViberLimits.MIN_TTL) >= 0 && ttl.compareTo(ViberLimits.MAX_TTL) <= 0,
        "a Viber validity (ttlSeconds) is between "
            + ViberLimits.MIN_TTL.toSeconds()
            + " and "
            + ViberLimits.MAX_TTL.toSeconds()
            + " seconds");
    fallback(viber);
  }

  private static void fallback(ViberSpec viber) throws CampaignRefused {
    if (viber.fallbackText().isEmpty()) {
      require(viber.fallbackSender().isEmpty(), "an SMS fallback sender needs a fallback text");
      return;
    }
    require(
        viber.fallbackText().get().length() <= CampaignChecks.MAX_SMS_TEXT,
        "an SMS fallback text is at most " + CampaignChecks.MAX_SMS_TEXT + " characters");
    require(
        viber.fallbackSender().isPresent(),
        "an SMS fallback needs its sender ID (fallback.sender)");
    Optional<String> bad = SmsSenders.problem(viber.fallbackSender().get());
    if (bad.isPresent()) {
      throw new CampaignRefused("SMS fallback: " + bad.get(), false);
    }
  }

  private static void https(String url, String field) throws CampaignRefused {
    try {
      URI uri = new URI(url);
      require(
          "https"
                  .equals(
                      Optional.ofNullable(uri.getScheme())
                          .map(s -> s.toLowerCase(Locale.ROOT))
                          .orElse(""))
              && uri.getHost() != null
              && url.length() <= 2000,
          field + " must be an https URL of at most 2000 characters");
    } catch (URISyntaxException e) {
      throw new CampaignRefused(field + " is not a valid URL: " + e.getReason(), false);
    }
  }
}
