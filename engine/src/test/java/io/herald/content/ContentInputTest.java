package io.herald.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Channel;
import io.herald.campaign.ViberSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the classifier reads of a campaign of each channel: an SMS's text and sender ID, a Viber
 * message's text, button and SMS fallback — so a prohibited SMS or Viber campaign is held as an
 * email one is.
 */
class ContentInputTest {
  private final ContentReview review = ContentReview.holding(new ContentClassifier());

  @Test
  void anSmsCampaignIsJudgedByItsText() {
    Campaign sms = campaign(Channel.SMS, "Loans", "", Optional.of("Спишемо ваші борги законно"));
    assertThat(review.holdReason(sms)).hasValueSatisfying(r -> assertThat(r).contains("debt"));
  }

  @Test
  void aViberCampaignIsJudgedByItsButtonLinkAndFallbackToo() {
    ViberSpec viber =
        new ViberSpec(
            Optional.empty(),
            Optional.of("Відкрити"),
            Optional.of("https://warez-zone.example/get"),
            86400,
            Optional.of("Кряк для Windows тут"),
            Optional.of("SoftShop"));
    Campaign campaign =
        new Campaign(
            new AccountId("00112233445566ff"),
            new CampaignId("a0b1c2d3e4f50617"),
            Channel.VIBER,
            "members",
            Map.of(),
            "",
            "SoftShop",
            Optional.empty(),
            "",
            "",
            Optional.of("Нові програми щотижня"),
            new CampaignState.Draft(),
            0,
            Instant.EPOCH,
            true,
            Optional.of(viber));
    ContentVerdict verdict = new ContentClassifier().classify(ContentInput.of(campaign));
    assertThat(verdict.flaggedCategories()).containsExactly(ContentCategory.PIRACY);
    assertThat(verdict.categories().getFirst().matches())
        .extracting(ContentMatch::found)
        .contains("Кряк", "warez-zone.example");
  }

  @Test
  void anOrdinaryCampaignIsNotHeldAndReviewOffHoldsNothing() {
    Campaign ordinary =
        campaign(Channel.EMAIL, "Winter menu", "<p>Book your table.</p>", Optional.empty());
    assertThat(review.holdReason(ordinary)).isEmpty();
    Campaign forex = campaign(Channel.EMAIL, "Forex signals", "", Optional.empty());
    assertThat(review.holdReason(forex)).isPresent();
    assertThat(ContentReview.off().holdReason(forex)).isEmpty();
  }

  private static Campaign campaign(
      Channel channel, String subject, String html, Optional<String> text) {
    return new Campaign(
        new AccountId("00112233445566ff"),
        new CampaignId("a0b1c2d3e4f50617"),
        channel,
        "members",
        Map.of(),
        "Shop",
        channel == Channel.EMAIL ? "news@shop.example" : "Shop",
        Optional.empty(),
        subject,
        html,
        text,
        new CampaignState.Draft(),
        0,
        Instant.EPOCH,
        true);
  }
}
