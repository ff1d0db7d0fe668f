package io.herald.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * How the scorer judges an SMS canary: undeliverable and rejected numbers over receipted messages,
 * opt-outs (STOP and the link) over messages the SMSC accepted, no opens and no complaints; a route
 * without receipts waits for the receipt timeout and is then released, never held for ever.
 */
class SmsCanaryScorerTest {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Duration WINDOW = Duration.ofHours(6);
  final CanaryScorer scorer = new CanaryScorer(CanaryLimits.defaults());

  /** A canary of 1000 from a consented list, receipts in, a few hours of replies and clicks. */
  static SmsCanaryCounts healthy() {
    return new SmsCanaryCounts(1000, 0, 962, 18, 4, 2, 14, 85, 7);
  }

  static CanaryEvidence evidence(SmsCanaryCounts counts) {
    return new CanaryEvidence(counts, START, null);
  }

  @Test
  void aHealthySmsCanaryIsReleasedWhenTheWindowEndsAndNotBefore() {
    CanaryEvidence healthy = evidence(healthy());
    for (Duration at :
        new Duration[] {Duration.ZERO, Duration.ofMinutes(30), WINDOW.minusSeconds(1)}) {
      assertThat(scorer.score(healthy, START.plus(at)))
          .as("at %s", at)
          .isInstanceOf(CanaryDecision.Wait.class);
    }
    CanaryDecision end = scorer.score(healthy, START.plus(WINDOW));
    assertThat(end).isInstanceOf(CanaryDecision.Release.class);
    assertThat(end.report().metrics())
        .filteredOn(m -> m.metric().equals("undeliverable") || m.metric().equals("opt-outs"))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.verdict()).isEqualTo(Verdict.OK));
  }

  @Test
  void theReportNamesTheSmsMetricsWithTheirBasesAndNoEmailOnes() {
    String text = scorer.score(evidence(healthy()), START.plus(WINDOW)).report().text();
    assertThat(text)
        .contains("  - delivered: 962 of 1000 sent")
        .contains("  - undeliverable: 18 of 986 receipted = 1.83%")
        .contains("  - rejected: 4 of 986 receipted")
        .contains("  - expired: 2 of 986 receipted")
        .contains("  - unknown: 14 of 1000 sent")
        .contains("  - opt-outs: 7 of 976 accepted")
        .contains("  - link clicks: 85 of 976 accepted")
        .contains("warning 5%, failing 10%") // undeliverable
        .contains("warning 2%, failing 5%"); // rejected, opt-outs
    assertThat(text).doesNotContain("opens", "complaints", "bounces", "policy blocks");
  }

  @Test
  void aListWithManyUndeliverableNumbersIsHeldEarly() {
    // 40 minutes in: 500 receipts, 70 of them undeliverable (14%); the rest still awaited.
    SmsCanaryCounts counts = new SmsCanaryCounts(1000, 500, 430, 70, 0, 0, 0, 10, 3);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(Duration.ofMinutes(40)));

    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing())
        .extracting(MetricScore::metric)
        .containsExactly("undeliverable");
    assertThat(d.report().summary())
        .startsWith("HOLD after 0h 40m")
        .contains("undeliverable 14.0% is above the 5% warning limit");
    assertThat(d.report().text()).contains("undeliverable: 70 of 500 receipted = 14.0%");
  }

  @Test
  void manyStopRepliesAreHeld() {
    // An hour in: 65 recipients replied STOP or used the link (6.7% of those accepted).
    SmsCanaryCounts counts = new SmsCanaryCounts(1000, 10, 955, 25, 3, 0, 7, 12, 65);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(Duration.ofHours(1)));

    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing()).extracting(MetricScore::metric).containsExactly("opt-outs");
    assertThat(d.report().summary()).contains("opt-outs 6.69% is above the 2% warning limit");
  }

  @Test
  void carrierRejectionsAreHeld() {
    SmsCanaryCounts counts = new SmsCanaryCounts(1000, 0, 880, 20, 90, 0, 10, 30, 4);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(Duration.ofHours(2)));
    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing()).extracting(MetricScore::metric).containsExactly("rejected");
  }

  @Test
  void stopsBeforeTheReceiptsAreRatedOverEveryAcceptedMessage() {
    // Five minutes in: every message accepted by the SMSC, no receipt yet, ten STOPs (1%).
    SmsCanaryCounts counts = new SmsCanaryCounts(1000, 1000, 0, 0, 0, 0, 0, 0, 10);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(Duration.ofMinutes(5)));
    assertThat(d).isInstanceOf(CanaryDecision.Wait.class);
    assertThat(d.report().text()).contains("opt-outs: 10 of 1000 accepted = 1.00%");
  }

  @Test
  void aRouteWithoutReceiptsWaitsForTheReceiptTimeoutAndIsThenReleased() {
    // No receipt ever comes: every message stays submitted (in flight) until the timeout.
    SmsCanaryCounts waiting = new SmsCanaryCounts(1000, 1000, 0, 0, 0, 0, 0, 40, 6);
    for (long minutes = 0; minutes <= 24 * 60; minutes += 30) {
      assertThat(scorer.score(evidence(waiting), START.plus(Duration.ofMinutes(minutes))))
          .as("at %d minutes", minutes)
          .isInstanceOf(CanaryDecision.Wait.class);
    }
    CanaryDecision afterWindow = scorer.score(evidence(waiting), START.plus(Duration.ofHours(7)));
    assertThat(afterWindow.report().summary())
        .contains("0 of 1000 canary messages have a final outcome")
        .contains("1000 accepted by the SMSC await a receipt");

    // The receipt timeout turns them all into unknown: final, so the canary is decided.
    SmsCanaryCounts timedOut = new SmsCanaryCounts(1000, 0, 0, 0, 0, 0, 1000, 40, 6);
    CanaryDecision d =
        scorer.score(
            new CanaryEvidence(timedOut, START, START.plus(Duration.ofHours(24))),
            START.plus(Duration.ofHours(24)));
    assertThat(d).isInstanceOf(CanaryDecision.Release.class);
    assertThat(d.report().text())
        .contains("undeliverable: 0 of 0 receipted", "INSUFFICIENT_DATA")
        .contains("opt-outs: 6 of 1000 accepted");
    assertThat(d.report().summary()).contains("Not enough data to judge undeliverable, rejected");
  }

  @Test
  void noClicksAtAllDoNotHoldAnSmsCampaign() {
    // A message without a link gets no clicks; SMS has no opens. Neither may hold it.
    SmsCanaryCounts counts = new SmsCanaryCounts(1000, 0, 975, 10, 0, 0, 15, 0, 3);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(WINDOW));
    assertThat(d).isInstanceOf(CanaryDecision.Release.class);
    assertThat(d.report().metrics())
        .filteredOn(m -> m.metric().equals("link clicks"))
        .singleElement()
        .satisfies(m -> assertThat(m.verdict()).isEqualTo(Verdict.NOT_JUDGED));
  }

  @Test
  void theSmsLimitsAreValidatedLikeTheEmailOnes() {
    SmsCanaryLimits sms = CanaryLimits.defaults().sms();
    assertThat(sms).isEqualTo(SmsCanaryLimits.defaults());
    assertThat(CanaryLimits.defaults().withWindow(Duration.ofHours(2)).sms()).isEqualTo(sms);
    assertThatThrownBy(() -> new SmsCanaryLimits(0.10, 0.05, 0.02, 0.05, 0.02, 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("undeliverable");
    assertThatThrownBy(() -> new SmsCanaryCounts(10, -1, 0, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
