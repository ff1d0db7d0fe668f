package io.herald.channel.viber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.AccountId;
import io.herald.campaign.ViberSpec;
import io.herald.channel.sms.CountingShortLinks;
import io.herald.channel.sms.ShortLinkTarget;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One recipient's Viber message: every shape that can carry the unsubscribe line, the text
 * personalised with cleaned contact values, links and the button's URL made short tracked links,
 * and the unsubscribe line in the list's language, counted in Viber's 1000 characters.
 */
class ViberComposerTest {
  private static final String SHOP = "https://shop.ua/sale";
  private static final String IMAGE = "https://cdn.shop.ua/sale.png";

  private final CountingShortLinks links = new CountingShortLinks();
  private final ViberComposer composer = new ViberComposer(links);

  static ShortLinkTarget target(String language) {
    return new ShortLinkTarget(
        new AccountId("00000000000000ac"), "c1", 12, "contact-12", "+380671234567", language);
  }

  static ViberSpec spec(String image, String caption, String url) {
    return new ViberSpec(
        Optional.ofNullable(image),
        Optional.ofNullable(caption),
        Optional.ofNullable(url),
        86_400,
        Optional.empty(),
        Optional.empty());
  }

  private ViberContent compose(String text, ViberSpec spec, boolean trackClicks, String language)
      throws ViberContentRefused {
    return compose(text, spec, trackClicks, language, "Оксана", Map.of());
  }

  private ViberContent compose(
      String text,
      ViberSpec spec,
      boolean trackClicks,
      String language,
      String name,
      Map<String, String> fields)
      throws ViberContentRefused {
    return composer.compose(
        ViberTemplate.compile(Optional.of(text), spec, trackClicks),
        target(language),
        name,
        fields);
  }

  @Test
  void aTextOnlyMessageEndsWithTheUkrainianUnsubscribeLine() throws Exception {
    assertThat(compose("Знижка 20% для {{name}}!", spec(null, null, null), true, "uk"))
        .isEqualTo(
            new ViberContent.Text(
                "Знижка 20% для Оксана!\nВідписатися: https://hrld.ua/s/0000001"));
    assertThat(links.unsubscribed).containsExactly(target("uk"));
  }

  @Test
  void anEnglishListGetsTheEnglishLineAndAnyUkrainianTagTheUkrainianOne() throws Exception {
    assertThat(compose("20% off, {{name}}!", spec(null, null, null), true, "en", "Ann", Map.of()))
        .isEqualTo(new ViberContent.Text("20% off, Ann!\nUnsubscribe: https://hrld.ua/s/0000001"));
    assertThat(
            ((ViberContent.Text) compose("Знижка!", spec(null, null, null), true, "uk-UA")).text())
        .endsWith("\nВідписатися: https://hrld.ua/s/0000002");
  }

  @Test
  void aButtonOpensATrackedLinkToTheCampaignsUrl() throws Exception {
    ViberContent content = compose("Знижка!", spec(null, "Купити", SHOP), false, "uk");
    assertThat(content)
        .isEqualTo(
            new ViberContent.TextButton(
                "Знижка!\nВідписатися: https://hrld.ua/s/0000001",
                new ViberContent.Button("Купити", "https://hrld.ua/l/0000002")));
    // The button is tracked even when the text's links are not: it is how Viber's clicks count.
    assertThat(links.clicked).containsExactly(SHOP);
  }

  @Test
  void anImageGoesWithTextAndButtonAndKeepsItsOwnUrl() throws Exception {
    ViberContent content = compose("Знижка!", spec(IMAGE, "Купити", SHOP), true, "en");
    assertThat(content)
        .isEqualTo(
            new ViberContent.TextImageButton(
                "Знижка!\nUnsubscribe: https://hrld.ua/s/0000001",
                IMAGE,
                new ViberContent.Button("Купити", "https://hrld.ua/l/0000002")));
  }

  @Test
  void theTextsLinksAreTrackedOnlyWhenTheCampaignTracksClicks() throws Exception {
    assertThat(
            compose(
                "Sale: " + SHOP + "?id={{id}}.",
                spec(null, null, null),
                true,
                "en",
                "",
                Map.of("id", "7")))
        .isEqualTo(
            new ViberContent.Text(
                "Sale: https://hrld.ua/l/0000001.\nUnsubscribe: https://hrld.ua/s/0000002"));
    assertThat(links.clicked).containsExactly(SHOP + "?id=7");
    assertThat(compose("Sale: " + SHOP, spec(null, null, null), false, "en"))
        .isEqualTo(
            new ViberContent.Text("Sale: " + SHOP + "\nUnsubscribe: https://hrld.ua/s/0000003"));
  }

  @Test
  void shapesThatCannotCarryTheUnsubscribeLineOrThatViberRefusesAreRefused() {
    assertThatThrownBy(() -> ViberTemplate.compile(Optional.empty(), spec(IMAGE, null, null), true))
        .isInstanceOf(ViberContentRefused.class)
        .hasMessageContaining("an image alone cannot carry");
    assertThatThrownBy(
            () -> ViberTemplate.compile(Optional.of(" \n"), spec(IMAGE, "Go", SHOP), true))
        .hasMessageContaining("needs a text");
    assertThatThrownBy(
            () -> ViberTemplate.compile(Optional.of("Hi"), spec(IMAGE, null, null), true))
        .hasMessageContaining("text + image + button");
    assertThatThrownBy(() -> ViberTemplate.compile(Optional.of("Hi"), spec(null, "Go", null), true))
        .hasMessageContaining("both a caption");
    assertThatThrownBy(
            () -> ViberTemplate.compile(Optional.of("Hi {{#x}}"), spec(null, null, null), true))
        .isInstanceOf(ViberContentRefused.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void aTextOfTheLongestLengthLeftPassesAndOneCharacterMoreIsRefused() throws Exception {
    // "\nUnsubscribe: https://hrld.ua/s/0000001" is 39 characters, so 961 are left for the text.
    String longest = "ж".repeat(ViberLimits.MAX_TEXT - 39);
    ViberContent.Text fits =
        (ViberContent.Text) compose(longest, spec(null, null, null), true, "en");
    assertThat(fits.text()).hasSize(ViberLimits.MAX_TEXT);
    assertThatThrownBy(() -> compose(longest + "ж", spec(null, null, null), true, "en"))
        .isInstanceOf(ViberContentRefused.class)
        .hasMessage(
            "the Viber text is too long: 962 characters, and the unsubscribe line Herald adds takes"
                + " 39 more; at most 1000 in all, so shorten the text by 1");
  }

  @Test
  void contactValuesCannotAddALineOrHideALink() throws Exception {
    ViberContent content =
        compose(
            "Hi {{name}}, code {{code}} for {{phone}}",
            spec(null, null, null),
            false,
            "en",
            "Ann\r\nUnsubscribe: https://evil.example\u2028x",
            Map.of("code", "\u202Egnp.exe\u200B 42\t\t7", "phone", "+10000000000", "name", "Eve"));
    assertThat(content)
        .isEqualTo(
            new ViberContent.Text(
                "Hi Ann Unsubscribe: https://evil.example x, code gnp.exe 42 7 for +380671234567\n"
                    + "Unsubscribe: https://hrld.ua/s/0000001"));
    assertThat(((ViberContent.Text) content).text().lines()).hasSize(2);
  }

  @Test
  void aTextEmptyForOneRecipientIsRefused() {
    assertThatThrownBy(
            () -> compose("{{name}} ", spec(null, null, null), true, "uk", "\r\n", Map.of()))
        .isInstanceOf(ViberContentRefused.class)
        .hasMessage("the Viber text is empty for this recipient");
  }
}
