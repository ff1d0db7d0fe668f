package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.campaign.Channel;
import io.herald.campaign.ViberSpec;
import io.herald.channel.viber.ViberContent;
import io.herald.channel.viber.ViberLimits;
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
    ViberSpec spec = ViberViews.spec(Channel.VIBER, FULL).orElseThrow();
    ViberContent content =
        new ViberContent.TextImageButton(
            "Hi Ann\nUnsubscribe: https://h.example/s/xxxxxxxxxx",
            "https://cdn.acme.example/a.png",
            new ViberContent.Button("Shop now", "https://h.example/l/xxxxxxxxxx"));
    Map<String, Object> sms = Map.of("to", "+380501234501", "text", "Hi by SMS");
    assertThat(ViberViews.preview("+380501234501", "Acme Shop", spec, content, Optional.of(sms)))
        .isEqualTo(
            Map.of(
                "to",
                "+380501234501",
                "from",
                "Acme Shop",
                "ttlSeconds",
                7200L,
                "viber",
                Map.of(
                    "text", "Hi Ann\nUnsubscribe: https://h.example/s/xxxxxxxxxx",
                    "imageUrl", "https://cdn.acme.example/a.png",
                    "button",
                        Map.of("caption", "Shop now", "url", "https://h.example/l/xxxxxxxxxx")),
                "fallback",
                sms));
    assertThat(
            ViberViews.preview(
                "+380501234501", "Acme Shop", spec, new ViberContent.Text("Hi"), Optional.empty()))
        .doesNotContainKey("fallback")
        .containsEntry("viber", Map.of("text", "Hi"));
  }
}
