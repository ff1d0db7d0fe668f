package io.herald.cli;

import io.herald.config.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The options of {@code herald campaign create --channel viber} beyond the text and the sender: the
 * image, the button, the validity and the SMS fallback, sent as the request's {@code viber} object.
 * Only the combinations are checked here, so that a half-given button or fallback is refused before
 * anything is sent; the limits (lengths, https, the validity's bounds) are the server's, which says
 * which one a value breaks.
 */
final class ViberCampaignOptions {
  @Option(
      names = "--image",
      paramLabel = "URL",
      description = "viber: an https URL of an image (needs a button)")
  String image;

  @Option(
      names = "--button-caption",
      paramLabel = "TEXT",
      description = "viber: the button's caption (at most 30 characters; with --button-url)")
  String buttonCaption;

  @Option(
      names = "--button-url",
      paramLabel = "URL",
      description = "viber: the https URL the button opens (with --button-caption)")
  String buttonUrl;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "viber: how long Viber keeps trying, e.g. 12h or 1d (default: the provider's)")
  String ttl;

  @Option(
      names = "--fallback-text",
      paramLabel = "FILE",
      description = "viber: the SMS sent instead when Viber cannot reach a recipient")
  Path fallbackText;

  @Option(
      names = "--fallback-from",
      paramLabel = "SENDER",
      description = "viber: the fallback SMS's sender ID (with --fallback-text)")
  String fallbackFrom;

  /** Whether any of these options was given (they are refused on another channel). */
  boolean given() {
    return Stream.of(image, buttonCaption, buttonUrl, ttl, fallbackText, fallbackFrom)
        .anyMatch(o -> o != null);
  }

  /** Why these options cannot make a Viber campaign, in one line; empty when they can. */
  Optional<String> problem() {
    if ((buttonCaption == null) != (buttonUrl == null)) {
      return Optional.of("a Viber button needs both --button-caption and --button-url");
    }
    if ((fallbackText == null) != (fallbackFrom == null)) {
      return Optional.of(
          "an SMS fallback needs both --fallback-text FILE and --fallback-from SENDER");
    }
    if (fallbackText != null && !Files.isReadable(fallbackText)) {
      return Optional.of("cannot read " + fallbackText);
    }
    if (ttl != null) {
      try {
        Duration validity = Durations.parse(ttl);
        if (validity.getNano() != 0) {
          return Optional.of("--ttl is whole seconds, not " + ttl);
        }
      } catch (IllegalArgumentException e) {
        return Optional.of("--ttl: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The request's {@code viber} object; call once {@link #problem()} is empty. */
  Map<String, Object> json() throws IOException {
    Map<String, Object> viber = new LinkedHashMap<>();
    viber.put("imageUrl", image);
    viber.put("buttonCaption", buttonCaption);
    viber.put("buttonUrl", buttonUrl);
    viber.put("ttlSeconds", ttl == null ? null : Durations.parse(ttl).toSeconds());
    if (fallbackText != null) {
      viber.put(
          "fallback",
          Map.of(
              "text",
              Files.readString(fallbackText, StandardCharsets.UTF_8),
              "sender",
              fallbackFrom));
    }
    return viber;
  }
}
