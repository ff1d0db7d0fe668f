package io.herald.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours in the recipient's time zone, from the phone number alone: Kyiv (one zone, with its
 * summer time), New York, numbers spread over several zones (wait until every one is out), numbers
 * with no zone (UTC), and the exact edges of the window.
 */
class QuietHoursTest {
  static final String KYIV = "+380671234567";
  static final String NEW_YORK = "+12125551234";
  static final String US_TOLL_FREE = "+18005551234"; // every +1 zone, Guam to Pago Pago
  static final String AUSTRALIA = "+61412345678"; // Cocos (+6:30) to Lord Howe (+11 in January)
  static final String INTERNATIONAL_NETWORK = "+88213456789"; // a valid number with no zone

  final QuietHours defaults = QuietHours.defaults();

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void theDefaultsAreNineInTheEveningToNineInTheMorning() {
    assertThat(defaults.start()).isEqualTo(LocalTime.of(21, 0));
    assertThat(defaults.end()).isEqualTo(LocalTime.of(9, 0));
  }

  @Test
  void kyivAtNineInTheEveningWaitsUntilNineInTheMorningAndAMinuteEarlierDoesNot() {
    // January: Kyiv is UTC+2.
    assertThat(defaults.waitUntil(KYIV, at("2026-01-15T18:59:59Z"))).isEmpty();
    assertThat(defaults.waitUntil(KYIV, at("2026-01-15T19:00:00Z")))
        .contains(at("2026-01-16T07:00:00Z"));
    assertThat(defaults.waitUntil(KYIV, at("2026-01-15T23:30:00Z")))
        .contains(at("2026-01-16T07:00:00Z"));
    assertThat(defaults.waitUntil(KYIV, at("2026-01-16T06:59:59Z")))
        .contains(at("2026-01-16T07:00:00Z"));
    assertThat(defaults.waitUntil(KYIV, at("2026-01-16T07:00:00Z"))).isEmpty();
    assertThat(defaults.waitUntil(KYIV, at("2026-01-16T12:00:00Z"))).isEmpty();
  }

  @Test
  void kyivInSummerIsAnHourEarlierInUtc() {
    // July: Kyiv is UTC+3.
    assertThat(defaults.waitUntil(KYIV, at("2026-07-01T17:59:00Z"))).isEmpty();
    assertThat(defaults.waitUntil(KYIV, at("2026-07-01T18:00:00Z")))
        .contains(at("2026-07-02T06:00:00Z"));
  }

  @Test
  void aNightOverTheSpringClockChangeEndsAtNineBySummerTime() {
    // 2026-03-29 01:00Z Kyiv goes from UTC+2 to UTC+3: 22:00 on the 28th, 09:00 on the 29th.
    assertThat(defaults.waitUntil(KYIV, at("2026-03-28T20:00:00Z")))
        .contains(at("2026-03-29T06:00:00Z"));
    assertThat(defaults.waitUntil(KYIV, at("2026-03-29T05:30:00Z")))
        .contains(at("2026-03-29T06:00:00Z"));
    assertThat(defaults.waitUntil(KYIV, at("2026-03-29T06:00:00Z"))).isEmpty();
  }

  @Test
  void aNightOverTheAutumnClockChangeEndsAtNineByWinterTime() {
    // 2026-10-25 01:00Z Kyiv goes from UTC+3 back to UTC+2: the night is an hour longer.
    assertThat(defaults.waitUntil(KYIV, at("2026-10-24T19:00:00Z")))
        .contains(at("2026-10-25T07:00:00Z"));
    assertThat(defaults.waitUntil(KYIV, at("2026-10-25T06:30:00Z")))
        .contains(at("2026-10-25T07:00:00Z"));
  }

  @Test
  void aWindowThatAClockChangeSkipsEndsWhenTheClockJumpsPastIt() {
    // Quiet 02:00–03:30: on 2026-03-29 Kyiv's clock goes from 03:00 straight to 04:00.
    QuietHours night = new QuietHours(LocalTime.of(2, 0), LocalTime.of(3, 30));
    assertThat(night.waitUntil(KYIV, at("2026-03-29T00:30:00Z")))
        .contains(at("2026-03-29T01:00:00Z"));
  }

  @Test
  void newYorkIsJudgedByNewYorkTime() {
    // January: New York is UTC−5; 21:00 there is 02:00Z, 09:00 is 14:00Z.
    assertThat(defaults.waitUntil(NEW_YORK, at("2026-01-16T01:59:00Z"))).isEmpty();
    assertThat(defaults.waitUntil(NEW_YORK, at("2026-01-16T02:00:00Z")))
        .contains(at("2026-01-16T14:00:00Z"));
    // Kyiv's night is New York's afternoon.
    assertThat(defaults.waitUntil(NEW_YORK, at("2026-01-15T20:00:00Z"))).isEmpty();
  }

  @Test
  void aNumberOfSeveralZonesWaitsUntilEveryZoneIsOutOfQuietHours() {
    // Australian mobiles: Cocos +6:30 … Lord Howe +11 in January. At 21:00Z it is 08:00 in
    // Sydney, 03:30 in Cocos: quiet until 09:00 in Cocos, 02:30Z (13:30 in Sydney).
    assertThat(defaults.waitUntil(AUSTRALIA, at("2026-01-15T21:00:00Z")))
        .contains(at("2026-01-16T02:30:00Z"));
    // 10:00Z is 21:00 at Lord Howe (quiet) but 16:30 in Cocos: quiet if any zone is.
    assertThat(defaults.waitUntil(AUSTRALIA, at("2026-01-15T09:59:00Z"))).isEmpty();
    assertThat(defaults.waitUntil(AUSTRALIA, at("2026-01-15T10:00:00Z")))
        .contains(at("2026-01-16T02:30:00Z"));
  }

  @Test
  void aUsTollFreeNumberHasOnlyTheHourAndAHalfWhenItIsDaytimeFromGuamToPagoPago() {
    // +1 800 maps to every +1 zone: daytime everywhere only from 23:00Z (09:00 in Guam) to
    // 00:30Z (21:00 in St. John's, UTC−3:30) in January.
    assertThat(defaults.waitUntil(US_TOLL_FREE, at("2026-01-15T12:00:00Z")))
        .contains(at("2026-01-15T23:00:00Z"));
    assertThat(defaults.waitUntil(US_TOLL_FREE, at("2026-01-15T23:30:00Z"))).isEmpty();
    assertThat(defaults.waitUntil(US_TOLL_FREE, at("2026-01-16T00:30:00Z")))
        .contains(at("2026-01-16T23:00:00Z"));
  }

  @Test
  void zonesThatNeverShareDaytimeWaitForTheTimeWhenFewestAreQuiet() {
    // Allowed only 11:00–12:00 local: Australia's zones (4.5 hours apart) never share it. The
    // fewest are quiet from 00:30Z to 01:00Z (Adelaide, Sydney and Lord Howe allowed).
    QuietHours narrow = new QuietHours(LocalTime.of(12, 0), LocalTime.of(11, 0));
    assertThat(narrow.waitUntil(AUSTRALIA, at("2026-01-15T06:00:00Z")))
        .contains(at("2026-01-16T00:30:00Z"));
    assertThat(narrow.waitUntil(AUSTRALIA, at("2026-01-16T00:45:00Z"))).isEmpty();
  }

  @Test
  void aNumberWithoutAZoneOrNotANumberAtAllIsJudgedByUtc() {
    for (String phone : new String[] {INTERNATIONAL_NETWORK, "+999123456", "not a number", ""}) {
      assertThat(defaults.waitUntil(phone, at("2026-01-15T20:59:00Z"))).as(phone).isEmpty();
      assertThat(defaults.waitUntil(phone, at("2026-01-15T21:00:00Z")))
          .as(phone)
          .contains(at("2026-01-16T09:00:00Z"));
    }
  }

  @Test
  void aWindowWithinOneDayDoesNotCrossMidnight() {
    QuietHours lunch = new QuietHours(LocalTime.of(13, 0), LocalTime.of(14, 0));
    assertThat(lunch.waitUntil(KYIV, at("2026-01-15T10:59:00Z"))).isEmpty();
    assertThat(lunch.waitUntil(KYIV, at("2026-01-15T11:00:00Z")))
        .contains(at("2026-01-15T12:00:00Z"));
    assertThat(lunch.waitUntil(KYIV, at("2026-01-15T12:00:00Z"))).isEmpty();
    assertThat(lunch.waitUntil(KYIV, at("2026-01-15T22:00:00Z"))).isEmpty();
  }

  @Test
  void equalStartAndEndMeanNoQuietHours() {
    QuietHours none = new QuietHours(LocalTime.of(21, 0), LocalTime.of(21, 0));
    assertThat(none.waitUntil(KYIV, at("2026-01-15T19:00:00Z"))).isEqualTo(Optional.empty());
    assertThat(none.waitUntil(US_TOLL_FREE, at("2026-01-15T12:00:00Z"))).isEmpty();
  }

  @Test
  void startAndEndAreRequired() {
    assertThatThrownBy(() -> new QuietHours(null, LocalTime.NOON))
        .isInstanceOf(NullPointerException.class);
  }
}
