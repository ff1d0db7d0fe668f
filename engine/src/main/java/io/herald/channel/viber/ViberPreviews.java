package io.herald.channel.viber;

import io.herald.audience.AudienceStore;
import io.herald.campaign.Campaign;
import io.herald.campaign.ViberSpec;
import io.herald.channel.sms.ComposedSms;
import io.herald.channel.sms.PlaceholderLinks;
import io.herald.channel.sms.SmsPreviews;
import io.herald.channel.sms.SmsTextRefused;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The Viber message a campaign would send to one phone, before it is sent, and the SMS that phone
 * would get instead when Viber cannot deliver: personalised from the list when the phone is on it
 * (as {@link SmsPreviews} does), with the unsubscribe line, the tracked button link, and the SMS's
 * opt-out line, encoding and parts. Links are placeholders of the real links' length, so lengths
 * and parts are exact but a preview mints no code and unsubscribes nobody.
 */
public final class ViberPreviews {
  private final SmsPreviews sms;
  private final ViberComposer composer;

  /**
   * @param baseUrl where recipients reach Herald ({@code tracking.baseUrl})
   * @param codeLength how long the real links' codes are
   * @param random draws the fallback SMS's concatenation reference
   */
  public ViberPreviews(
      AudienceStore audience, String baseUrl, int codeLength, RandomGenerator random) {
    this.sms = new SmsPreviews(audience, baseUrl, codeLength, random);
    this.composer = new ViberComposer(new PlaceholderLinks(baseUrl, codeLength));
  }

  /**
   * What {@code phone} (E.164) would get from the Viber {@code campaign}.
   *
   * @throws ViberContentRefused when the message or its SMS fallback cannot be sent (the reason of
   *     a fallback's refusal starts with "SMS fallback: ")
   */
  public ViberPreview preview(Campaign campaign, String phone) throws ViberContentRefused {
    ViberTemplate template = ViberTemplate.of(campaign);
    SmsPreviews.Sample sample = sms.sample(campaign, phone);
    ViberContent content =
        composer.compose(template, sample.target(), sample.name(), sample.fields());
    Optional<ViberPreview.Button> button =
        template
            .button()
            .flatMap(
                written ->
                    sent(content)
                        .map(
                            sent ->
                                new ViberPreview.Button(
                                    written.caption(), written.url(), sent.url())));
    String text = text(content);
    return new ViberPreview(
        phone,
        campaign.fromAddress(),
        shape(content),
        text,
        text.length(),
        ViberLimits.MAX_TEXT,
        template.imageUrl(),
        button,
        fallback(campaign, phone));
  }

  private Optional<ViberPreview.SmsFallback> fallback(Campaign campaign, String phone)
      throws ViberContentRefused {
    ViberSpec spec = campaign.viber().orElseThrow();
    if (spec.fallbackText().isEmpty()) {
      return Optional.empty();
    }
    try {
      ComposedSms composed = sms.preview(campaign, spec.fallbackText().get(), phone);
      return Optional.of(
          new ViberPreview.SmsFallback(
              spec.fallbackSender().orElse(""), composed.text(), composed.preview()));
    } catch (SmsTextRefused e) {
      throw new ViberContentRefused("SMS fallback: " + e.getMessage());
    }
  }

  /** The shape's name as the API shows it. */
  static String shape(ViberContent content) {
    return switch (content) {
      case ViberContent.Text t -> "text";
      case ViberContent.Image i -> "image";
      case ViberContent.TextButton t -> "text+button";
      case ViberContent.TextImageButton t -> "text+image+button";
    };
  }

  private static String text(ViberContent content) {
    return switch (content) {
      case ViberContent.Text t -> t.text();
      case ViberContent.Image i -> "";
      case ViberContent.TextButton t -> t.text();
      case ViberContent.TextImageButton t -> t.text();
    };
  }

  /** The button as sent: its URL is the tracked link. */
  private static Optional<ViberContent.Button> sent(ViberContent content) {
    return switch (content) {
      case ViberContent.TextButton t -> Optional.of(t.button());
      case ViberContent.TextImageButton t -> Optional.of(t.button());
      case ViberContent.Text t -> Optional.empty();
      case ViberContent.Image i -> Optional.empty();
    };
  }
}
