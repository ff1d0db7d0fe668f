package io.herald.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pages' texts: Ukrainian is complete (every English key, none left in English). */
class TextsTest {
  @Test
  void ukrainian_has_every_text_and_none_of_them_is_the_english_one() {
    Texts en = Texts.in("en");
    Texts uk = Texts.in("uk");
    assertThat(uk.all().keySet()).isEqualTo(en.all().keySet());
    assertThat(uk.all().keySet())
        .filteredOn(k -> !k.equals("lang") && uk.get(k).equals(en.get(k)))
        .isEmpty();
  }

  @Test
  void the_language_is_the_chosen_one_then_the_browsers_then_ukrainian() {
    assertThat(Texts.language(Optional.of("en"), "uk")).isEqualTo("en");
    assertThat(Texts.language(Optional.of("ru"), "en-US,en;q=0.9")).isEqualTo("en");
    assertThat(Texts.language(Optional.empty(), "de-DE")).isEqualTo("uk");
    assertThat(Texts.language(Optional.empty(), ";;;=garbage")).isEqualTo("uk");
    assertThat(Texts.language(Optional.empty(), null)).isEqualTo("uk");
  }
}
