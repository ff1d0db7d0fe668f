package io.herald.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The free plan's period is the calendar month in Kyiv: it begins at 00:00 Kyiv time on the 1st,
 * which is 22:00 UTC the day before in winter (UTC+2) and 21:00 UTC in summer (UTC+3), and a month
 * that holds a clock change is an hour shorter or longer.
 */
class PlansTest {
  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

  @Test
  void aWinterMonthBeginsAt2200UtcTheDayBefore() {
    Period december = Plans.calendarMonth(Instant.parse("2026-12-31T21:59:59.999Z"), KYIV);
    assertThat(december.key()).isEqualTo("m:2026-12");
    assertThat(december.start()).isEqualTo(Instant.parse("2026-11-30T22:00:00Z"));
    assertThat(december.end()).isEqualTo(Instant.parse("2026-12-31T22:00:00Z"));

    Period january = Plans.calendarMonth(Instant.parse("2026-12-31T22:00:00Z"), KYIV);
    assertThat(january.key()).isEqualTo("m:2027-01");
    assertThat(january.contains(Instant.parse("2026-12-31T22:00:00Z"))).isTrue();
    assertThat(december.contains(Instant.parse("2026-12-31T22:00:00Z"))).isFalse();
  }

  @Test
  void aSummerMonthBeginsAt2100UtcAndTheMonthsOfClockChangesFollowTheWallClock() {
    Period july = Plans.calendarMonth(Instant.parse("2027-06-30T21:00:00Z"), KYIV);
    assertThat(july.key()).isEqualTo("m:2027-07");
    assertThat(july.start()).isEqualTo(Instant.parse("2027-06-30T21:00:00Z"));
    assertThat(Plans.calendarMonth(Instant.parse("2027-06-30T20:59:59Z"), KYIV).key())
        .isEqualTo("m:2027-06");

    // Clocks go forward on 28 March 2027: March begins at +02:00 and ends at +03:00.
    Period march = Plans.calendarMonth(Instant.parse("2027-03-15T12:00:00Z"), KYIV);
    assertThat(march.start()).isEqualTo(Instant.parse("2027-02-28T22:00:00Z"));
    assertThat(march.end()).isEqualTo(Instant.parse("2027-03-31T21:00:00Z"));
  }
}
