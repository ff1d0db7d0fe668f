package io.herald.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.audience.Consent;
import io.herald.audience.Contact;
import io.herald.audience.ContactList;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignQuota.Cost;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Channel;
import io.herald.campaign.ViberSpec;
import io.herald.channel.sms.SmsPreview;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a recipient costs in the quota (R9): an email 1; an SMS its parts as this recipient's text
 * is composed (personalisation, opt-out line and short links included), so a longer name or a
 * Cyrillic one (UCS-2) costs more; a Viber message 1 plus its fallback SMS's parts; a text that
 * cannot be sent costs nothing.
 */
class RecipientCostsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  // 100 GSM-7 characters before the name; with the opt-out line one SMS holds it for a short name.
  private static final String TEXT = "x".repeat(96) + " Hi {{name}}";

  private final RecipientCosts costs = new RecipientCosts("https://h.example", 10);
  private final ContactList list =
      new ContactList("l1", "customers", 3, "You subscribed.", NOW, NOW, "en");

  @Test
  void anSmsCostsItsPartsAsEachRecipientsTextIsComposed() throws Exception {
    Cost cost = costs.cost(campaign(Channel.SMS, Optional.of(TEXT), Optional.empty()), list);
    assertThat(cost.of(contact("Ann"))).isEqualTo(1);
    assertThat(cost.of(contact("Bartholomew Montgomery-Smythe"))).isEqualTo(2);
    // One Cyrillic letter makes the whole text UCS-2: 67 characters a part.
    long ucs2 = cost.of(contact("Олена"));
    assertThat(ucs2).isEqualTo(SmsPreview.of(composedFor("Олена")).parts()).isEqualTo(3);
  }

  @Test
  void anEmailCostsOneAndAViberMessageOnePlusItsFallbacksParts() {
    assertThat(
            costs
                .cost(campaign(Channel.EMAIL, Optional.empty(), Optional.empty()), list)
                .of(contact("Ann")))
        .isEqualTo(1);
    ViberSpec viber =
        new ViberSpec(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            86_400,
            Optional.of(TEXT),
            Optional.of("Shop"));
    Cost cost = costs.cost(campaign(Channel.VIBER, Optional.of("Hi"), Optional.of(viber)), list);
    assertThat(cost.of(contact("Ann"))).isEqualTo(2);
    assertThat(cost.of(contact("Bartholomew Montgomery-Smythe"))).isEqualTo(3);
    ViberSpec noFallback =
        new ViberSpec(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            86_400,
            Optional.empty(),
            Optional.empty());
    assertThat(
            costs
                .cost(campaign(Channel.VIBER, Optional.of("Hi"), Optional.of(noFallback)), list)
                .of(contact("Ann")))
        .isEqualTo(1);
  }

  @Test
  void aTextThatCannotBeSentCostsNothing() {
    Cost tooLong =
        costs.cost(campaign(Channel.SMS, Optional.of("y".repeat(1600)), Optional.empty()), list);
    assertThat(tooLong.of(contact("Ann"))).isZero();
    Cost broken =
        costs.cost(
            campaign(Channel.SMS, Optional.of("Hi {{#name}} unclosed"), Optional.empty()), list);
    assertThat(broken.of(contact("Ann"))).isZero();
  }

  /** The text the SMS channel sends to {@code name}, opt-out line included (for the UCS-2 case). */
  private static String composedFor(String name) {
    return "x".repeat(96) + " Hi " + name + "\nSTOP: https://h.example/s/xxxxxxxxxx";
  }

  private static Contact contact(String name) {
    return new Contact(
        "p:+380501234567",
        "",
        "+380501234567",
        name,
        Map.of(),
        new Consent("c1", "test", NOW, "You subscribed."));
  }

  private static Campaign campaign(Channel channel, Optional<String> text, Optional<ViberSpec> v) {
    return new Campaign(
        new AccountId("00000000000000aa"),
        new CampaignId("00000000000000bb"),
        channel,
        "customers",
        Map.of(),
        "",
        "Shop",
        Optional.empty(),
        "",
        "",
        text,
        new CampaignState.Draft(),
        0,
        NOW,
        false,
        v);
  }
}
