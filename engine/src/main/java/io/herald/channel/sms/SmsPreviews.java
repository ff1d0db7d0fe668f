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
    SmsTemplate template;
    try {
      template =
          SmsTemplate.compile(
              campaign.text().orElse(""), SmsTemplate.Purpose.MARKETING, campaign.trackClicks());
    } catch (TemplateException e) {
      throw new SmsTextRefused(e.getMessage());
    }
    return composer.compose(
        template,
        target,
        member.map(Contact::name).orElse(""),
        member.map(Contact::attributes).orElse(Map.of()));
  }
}
