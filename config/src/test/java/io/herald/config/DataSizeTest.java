package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
    "1024, 1024",
    "0, 0",
    "17B, 17",
    "10KB, 10000",
    "10MB, 10000000",
    "3GB, 3000000000",
    "1TB, 1000000000000",
    "1KiB, 1024",
    "256MiB, 268435456",
    "2GiB, 2147483648",
    "1TiB, 1099511627776",
    "256mib, 268435456",
    "'512 KiB', 524288",
    "1.5GiB, 1610612736",
    "'  8MiB  ', 8388608",
    "0.1KB, 100",
    "9223372036854775807, 9223372036854775807",
  })
  void parses_sizes_with_binary_and_decimal_units(String text, long bytes) {
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "-1",
        "-5MiB",
        "+5",
        "abc",
        "MiB",
        "10 M B",
        "10Mi",
        "10mbit",
        "1.5",
        "0.1B",
        "8EiB",
        "1e6",
        "0x10",
        "99999999999999999999",
        "16777216TiB",
        "10MiB extra"
      })
  void rejects_negative_fractional_overflowing_and_garbage_sizes(String text) {
    assertThatThrownBy(() -> DataSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.strip().isEmpty() ? "not a data size" : text);
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    "268435456, 256MiB",
    "2147483648, 2GiB",
    "3072, 3KiB",
    "1536, 1536",
    "1000, 1000",
    "0, 0"
  })
  void prints_in_the_shortest_exact_form(long bytes, String text) {
    assertThat(DataSize.ofBytes(bytes)).hasToString(text);
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE})
  void cannot_be_negative(long bytes) {
    assertThatThrownBy(() -> DataSize.ofBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
  }
}
