package io.herald.channel.viber;

import io.herald.campaign.Campaign;
import io.herald.campaign.ViberSpec;
import io.herald.channel.email.TemplateException;
import io.herald.channel.sms.SmsTemplate;
import java.util.Optional;

/**
 * A Viber campaign's message prepared once: its text parsed as a Mustache template (as an SMS's,
 * {@link SmsTemplate}: line ends to LF, links tracked when the campaign tracks clicks), its image
 * and its button as the campaign wrote them. Only the shapes that can carry the unsubscribe line
 * (R3) are accepted: text, text and button, text with image and button. An image alone is a shape
 * Viber allows, but it has no text to carry the line, so it is refused here as at create. Immutable
 * and thread-safe.
 */
public final class ViberTemplate {
  private final SmsTemplate text;
  private final Optional<String> imageUrl;
  private final Optional<ViberContent.Button> button;

  private ViberTemplate(
      SmsTemplate text, Optional<String> imageUrl, Optional<ViberContent.Button> button) {
    this.text = text;
    this.imageUrl = imageUrl;
    this.button = button;
  }

  /** A Viber campaign's template; refused when the campaign has no Viber settings. */
  public static ViberTemplate of(Campaign campaign) throws ViberContentRefused {
    if (campaign.viber().isEmpty()) {
      throw new ViberContentRefused("a Viber campaign needs its viber settings");
    }
    return compile(campaign.text(), campaign.viber().get(), campaign.trackClicks());
  }

  /**
   * Parses {@code text} and checks the shape {@code spec} gives it.
   *
   * @throws ViberContentRefused for a shape that cannot carry the unsubscribe line or that Viber
   *     does not allow, or a template error (naming its line)
   */
  public static ViberTemplate compile(Optional<String> text, ViberSpec spec, boolean trackClicks)
      throws ViberContentRefused {
    if (text.filter(t -> !t.isBlank()).isEmpty()) {
      throw new ViberContentRefused(
          "a Viber message needs a text: Herald adds the unsubscribe link to it, and an image"
              + " alone cannot carry one");
    }
    if (spec.buttonCaption().isPresent() != spec.buttonUrl().isPresent()) {
      throw new ViberContentRefused(
          "a Viber button needs both a caption (buttonCaption) and a link (buttonUrl)");
    }
    Optional<ViberContent.Button> button =
        spec.buttonCaption()
            .map(caption -> new ViberContent.Button(caption, spec.buttonUrl().get()));
    if (spec.imageUrl().isPresent() && button.isEmpty()) {
      throw new ViberContentRefused(
          "Viber sends an image with a text only together with a button (text + image + button)");
    }
    try {
      return new ViberTemplate(
          SmsTemplate.compile(text.get(), SmsTemplate.Purpose.MARKETING, trackClicks),
          spec.imageUrl(),
          button);
    } catch (TemplateException e) {
      throw new ViberContentRefused(e.getMessage());
    }
  }

  SmsTemplate text() {
    return text;
  }

  public Optional<String> imageUrl() {
    return imageUrl;
  }

  /** The button as written: its URL is the campaign's, not yet the tracked one. */
  public Optional<ViberContent.Button> button() {
    return button;
  }
}
