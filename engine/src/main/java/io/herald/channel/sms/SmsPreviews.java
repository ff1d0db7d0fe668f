package io.herald.channel.sms;

import io.herald.audience.AudienceStore;
import io.herald.audience.Contact;
import io.herald.audience.ContactKeys;
import io.herald.audience.ContactList;
import io.herald.campaign.Campaign;
import io.herald.channel.email.TemplateException;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The SMS a campaign would send to one phone, before it is sent: personalised from the list when
 * the phone is on it, with the opt-out line, and with its encoding and parts. Links are shown as
 * placeholders of the real links' length ({@code https://<host>/s/xxxxxxxxxx}), so the length and
 * the parts are exact but a preview mints no code and unsubscribes nobody.
 */
public final class SmsPreviews {
  private final AudienceStore audience;
  private final SmsComposer composer;

  /**
   * @param baseUrl where recipients reach Herald ({@code tracking.baseUrl})
   * @param codeLength how long the real links' codes are
   */
  public SmsPreviews(
      AudienceStore audience, String baseUrl, int codeLength, RandomGenerator random) {
    this.audience = audience;
    this.composer = new SmsComposer(new PlaceholderLinks(baseUrl, codeLength), random);
  }

  /**
   * The SMS {@code phone} (E.164) would get from {@code campaign}.
   *
   * @throws SmsTextRefused when the text cannot be sent (too long, empty, a template error)
   */
  public ComposedSms preview(Campaign campaign, String phone) throws SmsTextRefused {
    return preview(campaign, campaign.text().orElse(""), phone);
  }

  /**
   * The SMS {@code phone} would get with {@code text} as the campaign's SMS text (a Viber
   * campaign's SMS fallback), opt-out line included.
   *
   * @throws SmsTextRefused when the text cannot be sent (too long, empty, a template error)
   */
  public ComposedSms preview(Campaign campaign, String text, String phone) throws SmsTextRefused {
    SmsTemplate template;
    try {
      template = SmsTemplate.compile(text, SmsTemplate.Purpose.MARKETING, campaign.trackClicks());
    } catch (TemplateException e) {
      throw new SmsTextRefused(e.getMessage());
    }
    Sample sample = sample(campaign, phone);
    return composer.compose(template, sample.target(), sample.name(), sample.fields());
  }

  /**
   * Whom a preview of {@code campaign} for {@code phone} is for: the list's member with that phone
   * (its name and fields), else a contact with no values; the list's language either way.
   */
  public Sample sample(Campaign campaign, String phone) {
    Optional<ContactList> list = audience.findList(campaign.account(), campaign.listName());
    Optional<Contact> member =
        list.flatMap(
            l -> audience.findMember(campaign.account(), l.id(), ContactKeys.phone(phone)));
    ShortLinkTarget target =
        new ShortLinkTarget(
            campaign.account(),
            campaign.id().value(),
            0,
            member.map(Contact::key).orElse(ContactKeys.phone(phone)),
            phone,
            list.map(ContactList::language).orElse("uk"));
    return new Sample(
        target,
        member.map(Contact::name).orElse(""),
        member.map(Contact::attributes).orElse(Map.of()));
  }

  /** A preview's recipient: whom its links are for, and the contact's values. */
  public record Sample(ShortLinkTarget target, String name, Map<String, String> fields) {}
}
