package io.herald.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which replies are opt-outs (R3): the five words alone, in any case, amid spaces and marks. */
class StopWordsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "STOP",
        "stop",
        "Stop",
        "sToP",
        "Stop.",
        "stop!!",
        " STOP ",
        "\"stop\"",
        "...stop...",
        "STOP 🙏",
        "\tstop\n",
        "СТОП",
        "стоп",
        " СТОП ",
        "Стоп!",
        "«стоп»",
        "CTOП", // Latin C and T typed on a mixed keyboard
        "ВІДПИСАТИСЯ",
        "відписатися",
        "Відписатися.",
        "ВIДПИСАТИСЯ", // Latin I, as on keyboards without the Ukrainian letter
        "відписатись",
        "ОТПИСАТЬСЯ",
        "отписаться",
        "Отписаться!",
        "UNSUBSCRIBE",
        "unsubscribe",
        "Unsubscribe.",
        "ＳＴＯＰ", // full-width
      })
  void optOuts(String text) {
    assertThat(StopWords.isOptOut(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "don't stop",
        "Don't stop!",
        "stop it please",
        "stopped",
        "unstop",
        "STOPSTOP",
        "S T O P",
        "стоп-кран",
        "не стоп",
        "Thanks",
        "",
        "   ",
        "?!",
        "відписатися від розсилки",
        "unsubscribe me",
      })
  void notOptOuts(String text) {
    assertThat(StopWords.isOptOut(text)).isFalse();
  }
}
