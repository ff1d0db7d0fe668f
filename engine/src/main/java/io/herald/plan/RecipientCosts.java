package io.herald.plan;

import io.herald.audience.ContactList;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignQuota.Cost;
import io.herald.campaign.ViberSpec;
import io.herald.channel.email.TemplateException;
import io.herald.channel.sms.PlaceholderLinks;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.channel.sms.SmsComposer;
import io.herald.channel.sms.SmsTemplate;
import io.herald.channel.sms.SmsTextRefused;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What each recipient of a campaign costs in messages of the quota (R9). An email is 1. An SMS is
 * its parts, known only once composed: each recipient's text is composed here exactly as the SMS
 * channel will (personalised, links as placeholder short links of the real length, the opt-out line
 * in the list's language), so the count is exact, not an estimate from the template's longest
 * rendering. A Viber message is 1 plus its SMS fallback's parts: the fallback may be needed for any
 * recipient, and a quota checked before sending must cover it (the parts of fallbacks that were not
 * needed are not given back yet; see docs/plans.md). A recipient whose text cannot be composed
 * costs nothing: it will fail, not be sent. Pure: no Redis, no network.
 */
public final class RecipientCosts {
  private final SmsComposer composer;

  /**
   * @param baseUrl where recipients reach Herald ({@code tracking.baseUrl})
   * @param codeLength how long the real short links' codes are
   */
  public RecipientCosts(String baseUrl, int codeLength) {
    // The random number is only a concatenation reference, which a count never sends.
    this.composer =
        new SmsComposer(new PlaceholderLinks(baseUrl, codeLength), ThreadLocalRandom.current());
  }

  /** The cost of each recipient of {@code campaign} sent to {@code list}. */
  public Cost cost(Campaign campaign, ContactList list) {
    return switch (campaign.channel()) {
      case EMAIL -> contact -> 1;
      case SMS -> parts(campaign, list, campaign.text());
      case VIBER -> {
        Cost fallback = parts(campaign, list, campaign.viber().flatMap(ViberSpec::fallbackText));
        yield contact -> 1 + fallback.of(contact);
      }
    };
  }

  /** Each recipient's parts of {@code text} as a marketing SMS; 0 for every one without a text. */
  private Cost parts(Campaign campaign, ContactList list, Optional<String> text) {
    if (text.isEmpty()) {
      return contact -> 0;
    }
    SmsTemplate template;
    try {
      template =
          SmsTemplate.compile(text.get(), SmsTemplate.Purpose.MARKETING, campaign.trackClicks());
    } catch (TemplateException e) {
      return contact -> 0; // refused for every recipient when it is sent: nothing goes out
    }
    return contact -> {
      ShortLinkTarget target =
          new ShortLinkTarget(
              campaign.account(),
              campaign.id().value(),
              0,
              contact.key(),
              contact.phone(),
              list.language());
      try {
        return composer
            .compose(template, target, contact.name(), contact.attributes())
            .preview()
            .parts();
      } catch (SmsTextRefused e) {
        return 0;
      }
    };
  }
}
