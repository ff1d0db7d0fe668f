package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.Channel;
import io.herald.campaign.ViberSpec;
import io.herald.channel.sms.SmsPreview;
import io.herald.channel.viber.ViberLimits;
import io.herald.channel.viber.ViberPreview;
import io.herald.testing.ViberCampaigns;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The create request's {@code viber} object becomes the campaign's {@link ViberSpec} field by field
 * (the defaults where it says nothing), and the campaign shows the settings back in the shape they
 * were given in. (ViberCampaignApiTest takes the same way through HTTP; this says where a field
 * went.)
 */
class ViberViewsTest {
  static final ViberViews.Settings FULL =
      new ViberViews.Settings(
          "https://cdn.acme.example/a.png",
          "Shop now",
          "https://acme.example/sale",
          7200L,
          new ViberViews.Fallback("Hi by SMS", "AcmeShop"));

  @Test
  void everyFieldOfTheViberObjectLandsInTheCampaignsSettings() {
    assertThat(ViberViews.spec(Channel.VIBER, FULL))
        .contains(
            new ViberSpec(
                Optional.of("https://cdn.acme.example/a.png"),
                Optional.of("Shop now"),
                Optional.of("https://acme.example/sale"),
                7200,
                Optional.of("Hi by SMS"),
                Optional.of("AcmeShop")));
  }

  @Test
  void whatTheRequestLeavesOutTakesTheDefaults() {
    ViberSpec none =
        new ViberSpec(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            ViberLimits.DEFAULT_TTL.toSeconds(),
            Optional.empty(),
            Optional.empty());
    assertThat(ViberViews.spec(Channel.VIBER, null)).contains(none);
    assertThat(
            ViberViews.spec(
                Channel.VIBER,
                new ViberViews.Settings(
                    null, null, null, null, new ViberViews.Fallback(null, null))))
        .contains(none);
  }

  @Test
  void anotherChannelHasNoViberSettingsAndRefusesThem() {
    assertThat(ViberViews.spec(Channel.SMS, null)).isEmpty();
    assertThatThrownBy(() -> ViberViews.spec(Channel.EMAIL, FULL))
        .isInstanceOf(Problem.class)
        .hasMessageContaining("viber settings are for a Viber campaign");
  }

  @Test
  void aCampaignShowsItsSettingsInTheRequestsShapeWithAbsentPartsLeftOut() {
    assertThat(ViberViews.view(ViberViews.spec(Channel.VIBER, FULL).orElseThrow()))
        .isEqualTo(
            Map.of(
                "imageUrl", "https://cdn.acme.example/a.png",
                "buttonCaption", "Shop now",
                "buttonUrl", "https://acme.example/sale",
                "ttlSeconds", 7200L,
                "fallback", Map.of("text", "Hi by SMS", "sender", "AcmeShop")));
    assertThat(ViberViews.view(ViberViews.spec(Channel.VIBER, null).orElseThrow()))
        .isEqualTo(Map.of("ttlSeconds", ViberLimits.DEFAULT_TTL.toSeconds()));
  }

  @Test
  void aPreviewShowsTheComposedViberMessageItsValidityAndTheSmsFallback() {
    Campaign campaign = ViberCampaigns.draft(new AccountId("0123456789abcdef"), "news", true);
    String text = "Hi Ann\nUnsubscribe: https://h.example/s/xxxxxxxxxx";
    SmsPreview sms = new SmsPreview("GSM-7", 13, 13, 1, 160, 147);
    ViberPreview preview =
        new ViberPreview(
            "+380501234501",
            "Acme Shop",
            "text+image+button",
            text,
            text.length(),
            1000,
            Optional.of("https://cdn.acme.example/sale.png"),
            Optional.of(
                new ViberPreview.Button(
                    "Shop now", "https://acme.example/sale", "https://h.example/l/xxxxxxxxxx")),
            Optional.of(new ViberPreview.SmsFallback("AcmeShop", "Hi Ann by SMS", sms)));
    Map<String, Object> view = ViberViews.preview(campaign, preview);
    assertThat(view)
        .containsEntry("to", "+380501234501")
        .containsEntry("from", "Acme Shop")
        .containsEntry("ttlSeconds", 7200L)
        .containsEntry(
            "viber",
            Map.of(
                "shape",
                "text+image+button",
                "text",
                text,
                "characters",
                text.length(),
                "maxCharacters",
                1000,
                "imageUrl",
                "https://cdn.acme.example/sale.png",
                "button",
                Map.of(
                    "caption", "Shop now",
                    "url", "https://acme.example/sale",
                    "trackedUrl", "https://h.example/l/xxxxxxxxxx")))
        .containsEntry(
            "fallback",
            Map.of(
                "to", "+380501234501",
                "from", "AcmeShop",
                "text", "Hi Ann by SMS",
                "encoding", "GSM-7",
                "characters", 13,
                "units", 13,
                "parts", 1,
                "unitsPerPart", 160,
                "remaining", 147));
    ViberPreview textOnly =
        new ViberPreview(
            "+380501234501",
            "Acme Shop",
            "text",
            "Hi",
            2,
            1000,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(ViberViews.preview(campaign, textOnly))
        .doesNotContainKey("fallback")
        .extractingByKey("viber")
        .isEqualTo(Map.of("shape", "text", "text", "Hi", "characters", 2, "maxCharacters", 1000));
  }
}
