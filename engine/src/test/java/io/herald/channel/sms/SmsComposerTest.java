package io.herald.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.AccountId;
import io.herald.channel.email.TemplateException;
import io.herald.channel.sms.SmsTemplate.Purpose;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One recipient's SMS: personalised (contact values cleaned of control characters), links made
 * short and tracked when asked, and — for marketing, always — the opt-out line in the list's
 * language, counted in the length and the parts.
 */
class SmsComposerTest {
  private final CountingShortLinks links = new CountingShortLinks();
  private final SmsComposer composer = new SmsComposer(links, new SplittableRandom(7));

  private static ShortLinkTarget target(String language) {
    return new ShortLinkTarget(
        new AccountId("00000000000000ac"), "c1", 12, "contact-12", "+380671234567", language);
  }

  private ComposedSms compose(String text, String language, String name, Map<String, String> fields)
      throws Exception {
    return composer.compose(
        SmsTemplate.compile(text, Purpose.MARKETING, true), target(language), name, fields);
  }

  @Test
  void linksBecomeShortTrackedLinksAndSentencePunctuationStays() throws Exception {
    ComposedSms sms =
        compose(
            "Sale: https://shop.ua/sale?id={{id}}. See HTTP://Shop.ua/wiki/Kyiv_(city)! or"
                + " (https://b.ua/x), not http:// alone",
            "en",
            "",
            Map.of("id", "42"));
    assertThat(links.clicked)
        .containsExactly(
            "https://shop.ua/sale?id=42", "HTTP://Shop.ua/wiki/Kyiv_(city)", "https://b.ua/x");
    assertThat(sms.text())
        .isEqualTo(
            "Sale: https://hrld.ua/l/0000001. See https://hrld.ua/l/0000002! or"
                + " (https://hrld.ua/l/0000003), not http:// alone\n"
                + "STOP: https://hrld.ua/s/0000004");
  }

  @Test
  void withoutClickTrackingLinksStayAsWritten() throws Exception {
    ComposedSms sms =
        composer.compose(
            SmsTemplate.compile("Sale: https://shop.ua/sale", Purpose.MARKETING, false),
            target("en"),
            "",
            Map.of());
    assertThat(links.clicked).isEmpty();
    assertThat(sms.text()).isEqualTo("Sale: https://shop.ua/sale\nSTOP: https://hrld.ua/s/0000001");
  }

  @Test
  void theOptOutLineSpeaksTheListsLanguage() throws Exception {
    assertThat(compose("Знижка 20% для {{name}}!", "uk", "Оксана", Map.of()).text())
        .isEqualTo("Знижка 20% для Оксана!\nВідписатися: https://hrld.ua/s/0000001");
    assertThat(compose("20% off for {{name}}!", "en", "Ann", Map.of()).text())
        .isEqualTo("20% off for Ann!\nSTOP: https://hrld.ua/s/0000002");
    assertThat(compose("Знижка!", "uk-UA", "", Map.of()).text()).contains("Відписатися: ");
    assertThat(links.unsubscribed)
        .allSatisfy(t -> assertThat(t.contactKey()).isEqualTo("contact-12"));
  }

  @Test
  void aLatinTextToAUkrainianListKeepsGsm7WithATransliteratedLine() throws Exception {
    ComposedSms sms = compose("Znyzhka 20% na vse!", "uk", "", Map.of());
    assertThat(sms.text())
        .isEqualTo("Znyzhka 20% na vse!\nVidpysatysia: https://hrld.ua/s/0000001");
    assertThat(sms.encoded().alphabet()).isEqualTo(EncodedSms.Alphabet.GSM7);
  }

  @Test
  void controlCharactersInContactValuesAreStripped() throws Exception {
    ComposedSms sms =
        compose(
            "Hi {{name}}, your code {{code}}.",
            "en",
            "Ann\r\nSTOP: http://evil.example\u0000",
            Map.of("code", "\u202E12\u200B3\t\u00A04\u2028"));
    assertThat(sms.text())
        .isEqualTo(
            "Hi Ann STOP: https://hrld.ua/l/0000001, your code 123 4.\n"
                + "STOP: https://hrld.ua/s/0000002");
    assertThat(sms.text().lines()).hasSize(2);
  }

  @Test
  void aContactFieldCannotOverrideNameOrPhone() throws Exception {
    ComposedSms sms =
        compose(
            "{{name}} {{phone}} {{city}}",
            "en",
            "Ann",
            Map.of("name", "X", "phone", "Y", "city", "Lviv"));
    assertThat(sms.text()).startsWith("Ann +380671234567 Lviv\n");
  }

  @Test
  void thePreviewAndThePartsCountTheOptOutLine() throws Exception {
    String body = "a".repeat(130);
    ComposedSms sms = compose(body, "en", "", Map.of());
    int optOut = "\nSTOP: https://hrld.ua/s/0000001".length();
    assertThat(sms.preview())
        .isEqualTo(new SmsPreview("GSM-7", 130 + optOut, 130 + optOut, 2, 153, 306 - 130 - optOut));
    assertThat(sms.encoded().parts()).hasSize(2);
    assertThat(SmsDecoding.text(sms.encoded())).isEqualTo(sms.text());
    int reference = sms.encoded().parts().getFirst().shortMessage()[3];
    assertThat(sms.encoded().parts().get(1).shortMessage()[3]).isEqualTo((byte) reference);
  }

  @Test
  void aTransactionalSmsHasNoOptOutLine() throws Exception {
    ComposedSms sms =
        composer.compose(
            SmsTemplate.compile("Your code: {{code}}\r\n", Purpose.TRANSACTIONAL, false),
            target("uk"),
            "",
            Map.of("code", "4711"));
    assertThat(sms.text()).isEqualTo("Your code: 4711");
    assertThat(links.unsubscribed).isEmpty();
    assertThat(sms.preview().parts()).isEqualTo(1);
  }

  @Test
  void lineEndsOfTheTemplateBecomeLineFeeds() throws Exception {
    assertThat(compose("One\r\nTwo\rThree", "en", "", Map.of()).text())
        .startsWith("One\nTwo\nThree\n");
  }

  @Test
  void aTextEmptyOrTooLongForOneRecipientIsRefused() {
    assertThatThrownBy(() -> compose("{{offer}}", "en", "", Map.of()))
        .isInstanceOf(SmsTextRefused.class)
        .hasMessage("the SMS text is empty for this recipient");
    assertThatThrownBy(() -> compose("{{essay}}", "en", "", Map.of("essay", "x".repeat(1600))))
        .isInstanceOf(SmsTextRefused.class)
        .hasMessageContaining("too long");
  }

  @Test
  void aTemplateMistakeNamesTheLine() {
    assertThatThrownBy(() -> SmsTemplate.compile("Hi\n{{#offer}}", Purpose.MARKETING, true))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("text, line 2: ");
  }
}
