package io.herald.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prohibited-content classifier (R7) on single campaigns: what it flags in each language, the
 * disguises it sees through, what it explains, and ordinary marketing that looks a little like a
 * prohibited category but is not flagged.
 */
class ContentClassifierTest {
  private final ContentClassifier classifier = new ContentClassifier();

  private ContentVerdict classify(String subject, String body) {
    return classifier.classify(
        new ContentInput(subject, body, List.of(), "News", "news@shop.example"));
  }

  @Test
  void flagsEachCategoryInUkrainianRussianAndEnglish() {
    assertThat(classify("Ескорт-супровід у Києві", "").flaggedCategories())
        .containsExactly(ContentCategory.DATING);
    assertThat(classify("Виагра без рецепта", "").flaggedCategories())
        .containsExactly(ContentCategory.MEDICINES);
    assertThat(classify("Work from home", "Make money online, zero investment").flaggedCategories())
        .containsExactly(ContentCategory.FAST_MONEY);
    assertThat(classify("Сигнали Форекс", "").flaggedCategories())
        .containsExactly(ContentCategory.STOCK_TRADING);
    assertThat(classify("Сетевой маркетинг", "").flaggedCategories())
        .containsExactly(ContentCategory.MLM);
    assertThat(classify("Join our affiliate program", "").flaggedCategories())
        .containsExactly(ContentCategory.AFFILIATE);
    assertThat(classify("Списання боргів законно", "").flaggedCategories())
        .containsExactly(ContentCategory.DEBT);
    assertThat(classify("БАДи зі знижкою", "").flaggedCategories())
        .containsExactly(ContentCategory.SUPPLEMENTS);
    assertThat(classify("Продам базу email адрес", "").flaggedCategories())
        .containsExactly(ContentCategory.LISTS);
    assertThat(classify("Windows з кряком", "").flaggedCategories())
        .containsExactly(ContentCategory.PIRACY);
  }

  @Test
  void matchesInflectedFormsOfAStem() {
    for (String form : List.of("ескорт", "ескорту", "ескортом", "эскорта", "escorts")) {
      assertThat(classify("", "Послуги: " + form).flagged()).as(form).isTrue();
    }
    // Ukrainian and Russian spellings of one stem meet after folding (і → и, є → е).
    assertThat(classify("Біологічно активні добавки", "").flaggedCategories())
        .containsExactly(ContentCategory.SUPPLEMENTS);
    assertThat(classify("Биологически активная добавка", "").flaggedCategories())
        .containsExactly(ContentCategory.SUPPLEMENTS);
  }

  @Test
  void seesThroughLookAlikeLettersDigitsAndSpacedLetters() {
    // "Вiагра" with a Latin i, "знaкомства" with a Latin a, "V1agra" with a digit.
    assertThat(classify("Вiагра", "").flagged()).isTrue();
    assertThat(classify("сайт знaкомств", "").flaggedCategories())
        .containsExactly(ContentCategory.DATING);
    assertThat(classify("Cheap V1agra", "").flaggedCategories())
        .containsExactly(ContentCategory.MEDICINES);
    assertThat(classify("Зн@йомства і флірт", "").flaggedCategories())
        .containsExactly(ContentCategory.DATING);
    assertThat(classify("В и а г р а", "").flaggedCategories())
        .containsExactly(ContentCategory.MEDICINES);
    assertThat(classify("F.O.R.E.X signals", "").flaggedCategories())
        .containsExactly(ContentCategory.STOCK_TRADING);
    // Zero-width characters inside a word do not hide it.
    assertThat(classify("Via\u200Bgra", "").flagged()).isTrue();
  }

  @Test
  void readsHtmlAsTextAndJudgesItsLinksDomains() {
    ContentVerdict verdict =
        classify(
            "Weekly picks",
            "<style>.x{color:red}</style><p>Best <b>fi&shy;lms</b> this week</p>"
                + "<a href=\"https://free-torrent.example/new\">watch</a> <!-- keygen -->");
    assertThat(verdict.categories()).hasSize(1);
    CategoryVerdict piracy = verdict.categories().getFirst();
    assertThat(piracy.category()).isEqualTo(ContentCategory.PIRACY);
    assertThat(piracy.matches())
        .extracting(ContentMatch::found)
        .containsExactly("free-torrent.example");
    assertThat(piracy.flagged()).isFalse(); // a domain alone is a hint, not a verdict
  }

  @Test
  void explainsWhatMatchedWhereAndHowStrongly() {
    ContentVerdict verdict =
        classifier.classify(
            new ContentInput(
                "Знайомства для дорослих",
                "<p>Самотні жінки поруч</p>",
                List.of("https://hot-dating.example/x"),
                "Побачення",
                "hi@hot-dating.example"));
    assertThat(verdict.flaggedCategories()).containsExactly(ContentCategory.DATING);
    CategoryVerdict dating = verdict.categories().getFirst();
    assertThat(dating.threshold()).isEqualTo(1.0);
    assertThat(dating.score()).isGreaterThanOrEqualTo(dating.threshold());
    assertThat(dating.matches())
        .extracting(m -> m.found() + "@" + m.place().wireName())
        .contains(
            "Знайомства@subject",
            "для дорослих@subject",
            "Самотні@body",
            "hot-dating.example@link");
    assertThat(verdict.report())
        .startsWith("dating (dating or escort services)")
        .contains("flagged")
        .contains("\"Знайомства\" in subject (знайомств*) +0.6");
  }

  @Test
  void ordinaryMarketingNearACategoryIsNotFlagged() {
    List<String[]> ordinary =
        List.of(
            new String[] {
              "Як висипатися взимку", "Лікар пояснює, як режим і світло впливають на сон."
            },
            new String[] {"What's new in your banking app", "Instant transfers and card controls."},
            new String[] {
              "Work with us: event coordinator", "Full-time role, salary and benefits."
            },
            new String[] {"Акції тижня: знижки на техніку", "До побачення, осінь! Чекаємо вас."},
            new String[] {"Квартальний звіт для акціонерів", "Виручка зросла на 8%."},
            new String[] {"Wedding fair this Sunday", "Meet photographers and florists."},
            new String[] {"Знайомтеся з новою колекцією", "Пуховики і шапки, обмін 14 днів."});
    for (String[] campaign : ordinary) {
      assertThat(classify(campaign[0], campaign[1]).flagged()).as(campaign[0]).isFalse();
    }
  }

  @Test
  void aNegativeRuleSpeaksAgainstItsCategory() {
    // "Робота вдома" alone is fast money; an employer's official employment is not.
    assertThat(classify("Робота вдома, оплата щодня", "").flagged()).isTrue();
    assertThat(
            classify("Робота вдома, оплата щодня", "Офіційне працевлаштування у нашій компанії.")
                .flagged())
        .isFalse();
  }

  @Test
  void aMalformedLexiconNamesItsLine() {
    assertThatThrownBy(() -> Lexicon.parse("[dating]\n1.0 escort\nheavy escort\n"))
        .hasMessageStartingWith("content lexicon line 3:");
    assertThatThrownBy(() -> Lexicon.parse("[gambling]\n1.0 casino\n"))
        .hasMessageContaining("line 1: unknown category gambling");
    assertThatThrownBy(() -> Lexicon.parse("1.0 casino\n")).hasMessageContaining("line 1");
  }
}
