package io.herald.channel.viber;

import java.time.Duration;
import java.util.Set;

/**
 * Viber's limits on a business message, as the provider Herald uses documents them (sources in
 * docs/viber.md): text length, button caption length, image types and size, and the validity (TTL)
 * Viber keeps trying for. Campaign checks and the adapter both read them from here.
 */
public final class ViberLimits {
  /** Characters of text in one message. */
  public static final int MAX_TEXT = 1000;

  /** Characters of a button's caption. */
  public static final int MAX_BUTTON_CAPTION = 30;

  /** Characters of Herald's own message id (sent as the provider's client reference). */
  public static final int MAX_MESSAGE_ID = 100;

  /** The shortest validity the provider accepts (Vonage Messages API: viber_service.ttl ≥ 30). */
  public static final Duration MIN_TTL = Duration.ofSeconds(30);

  /** The longest validity the provider accepts (Vonage: viber_service.ttl ≤ 259200, 72 hours). */
  public static final Duration MAX_TTL = Duration.ofSeconds(259_200);

  /** The validity when a campaign names none (Vonage's own default: 86400 seconds). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(86_400);

  /**
   * The image types the provider takes, as the Content-Type the image URL must answer with (Vonage
   * documents .jpg, .jpeg and .png for a Viber image).
   */
  public static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png");

  /**
   * The largest image in bytes. Vonage publishes no figure; 1 MiB is the smallest of the published
   * Viber image limits Herald knows of (see docs/viber.md), so an image within it passes every one.
   */
  public static final long MAX_IMAGE_BYTES = 1_048_576;

  private ViberLimits() {}
}
