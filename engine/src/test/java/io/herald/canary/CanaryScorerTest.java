package io.herald.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the canary scorer decides, and how it explains itself. */
class CanaryScorerTest {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  final CanaryScorer scorer = new CanaryScorer(CanaryLimits.defaults());

  /** A canary of 1000 from a healthy list, all sent and finalised, after some hours of events. */
  static CanaryCounts healthy() {
    return new CanaryCounts(1000, 988, 4, 0, 1, 100, 18, 2, 0);
  }

  static CanaryEvidence evidence(CanaryCounts counts) {
    return new CanaryEvidence(counts, START, null);
  }

  @Test
  void aCleanCanaryIsReleasedWhenTheWindowEndsAndNotBefore() {
    CanaryEvidence clean = evidence(healthy());
    for (Duration at :
        new Duration[] {
          Duration.ZERO,
          Duration.ofMinutes(10),
          Duration.ofHours(3),
          Duration.ofHours(6).minusSeconds(1)
        }) {
      assertThat(scorer.score(clean, START.plus(at)))
          .as("at %s", at)
          .isInstanceOf(CanaryDecision.Wait.class);
    }
    CanaryDecision atEnd = scorer.score(clean, START.plus(Duration.ofHours(6)));
    assertThat(atEnd).isInstanceOf(CanaryDecision.Release.class);
    assertThat(atEnd.report().summary()).startsWith("RELEASE");
    assertThat(atEnd.report().metrics())
        .filteredOn(m -> m.metric().equals("hard bounces"))
        .singleElement()
        .satisfies(m -> assertThat(m.verdict()).isEqualTo(Verdict.OK));
  }

  @Test
  void aHighBounceRateIsHeldEarlyWithItsRateBoundAndLimitNamed() {
    // 20 minutes in: 300 of the canary finalised, 30 of them hard bounces (10%).
    CanaryCounts counts = new CanaryCounts(1000, 270, 30, 0, 0, 3, 0, 0, 0);
    CanaryDecision decision = scorer.score(evidence(counts), START.plus(Duration.ofMinutes(20)));

    assertThat(decision).isInstanceOf(CanaryDecision.Hold.class);
    MetricScore bounces = decision.report().failing().getFirst();
    assertThat(bounces.metric()).isEqualTo("hard bounces");
    assertThat(bounces.base()).isEqualTo(300);
    assertThat(bounces.lowerBound()).isGreaterThan(0.05);
    assertThat(decision.report().summary())
        .startsWith("HOLD after 0h 20m")
        .contains(
            "hard bounces 10.0%", "5% warning limit", "lower bound 5.41%", "10% failing limit")
        .contains(
            "hard bounces 10.0% is above the 5% warning limit (lower bound 5.41%)"
                + " and may reach the 10% failing limit (upper bound ");
    assertThat(decision.report().text())
        .contains("hard bounces: 30 of 300 finalised = 10.0%", "→ FAILING");
  }

  @Test
  void aFewBouncesInASmallSampleAreNotAHold() {
    // 3 of the first 40 finalised bounced (7.5%): not yet shown above 5%.
    CanaryCounts counts = new CanaryCounts(1000, 37, 3, 0, 0, 0, 0, 0, 0);
    assertThat(scorer.score(evidence(counts), START.plus(Duration.ofMinutes(2))))
        .isInstanceOf(CanaryDecision.Wait.class);
  }

  @Test
  void oneComplaintInACanaryOfThirtyIsNotHeld() {
    CanaryCounts counts = new CanaryCounts(30, 30, 0, 0, 0, 4, 1, 0, 1);
    CanaryEvidence evidence = new CanaryEvidence(counts, START, START.plusSeconds(30));
    for (long minutes = 5; minutes <= 360; minutes += 5) {
      CanaryDecision d = scorer.score(evidence, START.plus(Duration.ofMinutes(minutes)));
      assertThat(d).as("at %d minutes", minutes).isNotInstanceOf(CanaryDecision.Hold.class);
    }
    CanaryDecision end = scorer.score(evidence, START.plus(Duration.ofHours(6)));
    assertThat(end).isInstanceOf(CanaryDecision.Release.class);
    assertThat(end.report().text()).contains("complaints: 1 of 30 delivered = 3.33%");
    assertThat(end.report().summary()).contains("Not enough data to judge", "complaints");
  }

  @Test
  void manyComplaintsInALargeCanaryAreHeld() {
    CanaryCounts counts = new CanaryCounts(1000, 990, 5, 0, 0, 60, 10, 3, 12);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(Duration.ofHours(2)));
    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing()).extracting(MetricScore::metric).containsExactly("complaints");
  }

  @Test
  void theExplanationNamesEveryMetricWithItsValueBoundsAndLimits() {
    String text =
        scorer.score(evidence(healthy()), START.plus(Duration.ofHours(6))).report().text();
    for (String metric :
        new String[] {
          "delivered",
          "hard bounces",
          "soft bounces",
          "policy blocks",
          "human opens",
          "human clicks",
          "unsubscribes",
          "complaints"
        }) {
      assertThat(text).contains("  - " + metric + ": ");
    }
    assertThat(text)
        .contains("hard bounces: 4 of 993 finalised = 0.403% (bounds ")
        .contains("warning 5%, failing 10%")
        .contains("warning 0.1%, failing 0.3%")
        .contains("human opens: 100 of 988 delivered = 10.1%")
        .contains("Clopper–Pearson");
  }

  @Test
  void engagementIsJudgedOnlyWhenTheWindowEnds() {
    // Nobody opens anything: a list no one reads.
    CanaryCounts unread = new CanaryCounts(1000, 990, 10, 0, 0, 2, 0, 1, 0);
    CanaryDecision early = scorer.score(evidence(unread), START.plus(Duration.ofHours(5)));
    assertThat(early).isInstanceOf(CanaryDecision.Wait.class);
    assertThat(early.report().text()).contains("human opens: 2 of 990 delivered", "PENDING");

    CanaryDecision end = scorer.score(evidence(unread), START.plus(Duration.ofHours(6)));
    assertThat(end).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(end.report().summary())
        .startsWith("HOLD at the end of the window")
        .contains("human opens 0.202% is below the 3% warning limit")
        .containsPattern(
            "human opens 0.202% is below the 3% warning limit \\(upper bound [0-9.]+%\\)"
                + " and may be under the 1% failing limit \\(lower bound [0-9.]+%\\)");
  }

  @Test
  void afterTheWindowItWaitsUntilEnoughOfTheCanaryIsFinal() {
    CanaryCounts half = new CanaryCounts(1000, 495, 2, 0, 3, 50, 5, 1, 0);
    CanaryDecision d = scorer.score(evidence(half), START.plus(Duration.ofHours(7)));
    assertThat(d).isInstanceOf(CanaryDecision.Wait.class);
    assertThat(d.report().summary()).contains("window is over", "500 of 1000", "90%");
  }

  @Test
  void aCanaryOfTenWithoutEventsIsReleasedSayingItCouldNotJudge() {
    CanaryCounts ten = new CanaryCounts(10, 10, 0, 0, 0, 1, 0, 0, 0);
    CanaryDecision d =
        scorer.score(
            new CanaryEvidence(ten, START, START.plusSeconds(5)), START.plus(Duration.ofHours(6)));
    assertThat(d).isInstanceOf(CanaryDecision.Release.class);
    assertThat(d.report().summary()).contains("Not enough data to judge", "a canary of 10");
  }

  @Test
  void anEmptyCanaryIsReleasedAtTheEndOfTheWindow() {
    CanaryEvidence none = evidence(CanaryCounts.none());
    assertThat(scorer.score(none, START.plus(Duration.ofHours(1))))
        .isInstanceOf(CanaryDecision.Wait.class);
    assertThat(scorer.score(none, START.plus(Duration.ofHours(6))))
        .isInstanceOf(CanaryDecision.Release.class);
  }

  @Test
  void scoringIsDeterministic() {
    CanaryEvidence e = evidence(new CanaryCounts(1000, 900, 70, 5, 5, 40, 4, 6, 2));
    Instant now = START.plus(Duration.ofMinutes(35));
    CanaryDecision first = scorer.score(e, now);
    for (int i = 0; i < 5; i++) {
      assertThat(new CanaryScorer(CanaryLimits.defaults()).score(e, now)).isEqualTo(first);
      assertThat(scorer.score(e, now)).isEqualTo(first);
    }
  }
}
