package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "6h, PT6H",
    "30m, PT30M",
    "72h, PT72H",
    "500ms, PT0.5S",
    "10s, PT10S",
    "2d, PT48H",
    "1h30m, PT1H30M",
    "1m30s250ms, PT1M30.25S",
    "0s, PT0S",
    "' 6h ', PT6H",
    "PT6H, PT6H",
    "pt15m, PT15M",
    "P1DT2H, PT26H",
  })
  void parses_short_units_and_iso_8601(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "6",
        "0",
        "-6h",
        "-PT6H",
        "PT-6H",
        "6 h",
        "6H",
        "6hours",
        "h",
        "1.5h",
        "6h 30m",
        "6w",
        "abc",
        "P",
        "PT",
        "99999999999999999999s",
        "9223372036854775807d",
        "6h-"
      })
  void rejects_bare_numbers_negatives_and_garbage(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a duration: \"" + text + "\"");
  }
}
