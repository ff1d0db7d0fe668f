package io.herald.channel.viber;

import io.herald.account.AccountId;
import io.herald.campaign.Campaigns;
import io.herald.campaign.ViberDraftCheck;
import io.herald.channel.email.TemplateException;
import io.herald.channel.sms.PlaceholderLinks;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.channel.sms.SmsComposer;
import io.herald.channel.sms.SmsTemplate;
import io.herald.channel.sms.SmsTextRefused;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The checks of a Viber draft at create that need this node: the text is composed as it will be
 * sent, with links of the real links' length and the unsubscribe line of every list language (so
 * the longest line counts), for a contact with no values — a text that passes here fails at send
 * only if a contact's values make it longer; the SMS fallback's text likewise, with its opt-out
 * line, within the parts an SMS may have; and the image is checked through {@link ViberImages}
 * (type, size, https, no private targets).
 */
public final class ViberCreateCheck implements ViberDraftCheck {
  // Every language a list can have (audience.ListLanguages): each has its own line length.
  private static final List<String> LANGUAGES = List.of("uk", "en");

  private final ViberComposer composer;
  private final SmsComposer fallback;
  private final ViberImages images;

  /**
   * @param baseUrl where recipients reach Herald ({@code tracking.baseUrl})
   * @param codeLength how long the real short links' codes are
   * @param images checks an image URL (an {@link HttpViberImages} in production)
   */
  public ViberCreateCheck(String baseUrl, int codeLength, ViberImages images) {
    PlaceholderLinks links = new PlaceholderLinks(baseUrl, codeLength);
    this.composer = new ViberComposer(links);
    // The random number is only a concatenation reference, which a check never sends.
    this.fallback = new SmsComposer(links, ThreadLocalRandom.current());
    this.images = images;
  }

  @Override
  public Optional<String> problem(AccountId account, Campaigns.Draft draft) {
    if (draft.viber().isEmpty()) {
      return Optional.of("a Viber campaign needs its viber settings");
    }
    try {
      ViberTemplate template =
          ViberTemplate.compile(draft.text(), draft.viber().get(), draft.trackClicks());
      for (String language : LANGUAGES) {
        composer.compose(template, sample(account, language), "", Map.of());
      }
    } catch (ViberContentRefused e) {
      return Optional.of(e.getMessage());
    }
    Optional<String> text = draft.viber().get().fallbackText();
    if (text.isPresent()) {
      try {
        SmsTemplate sms =
            SmsTemplate.compile(text.get(), SmsTemplate.Purpose.MARKETING, draft.trackClicks());
        for (String language : LANGUAGES) {
          fallback.compose(sms, sample(account, language), "", Map.of());
        }
      } catch (TemplateException | SmsTextRefused e) {
        return Optional.of("SMS fallback: " + e.getMessage());
      }
    }
    return draft
        .viber()
        .get()
        .imageUrl()
        .flatMap(
            url ->
                switch (images.check(url)) {
                  case ViberImages.Verdict.Fits fits -> Optional.empty();
                  case ViberImages.Verdict.Refused refused ->
                      Optional.of("imageUrl: " + refused.reason());
                });
  }

  /** A contact with no values on a list of {@code language}. */
  private static ShortLinkTarget sample(AccountId account, String language) {
    return new ShortLinkTarget(account, "draft", 0, "", "", language);
  }
}
