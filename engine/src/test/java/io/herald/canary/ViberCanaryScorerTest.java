package io.herald.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.canary.ViberCanaryCounts.Fallback;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * How the scorer judges a Viber canary: seen is its opens (over Viber-delivered messages, judged at
 * the end of the window), undelivered messages over reported ones with numbers without Viber left
 * out, opt-outs (the link and blocks) over accepted messages, the fallback SMS's rejections over
 * their receipts; the same hold / wait / release rules as every channel.
 */
class ViberCanaryScorerTest {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Duration WINDOW = Duration.ofHours(6);
  final CanaryScorer scorer = new CanaryScorer(CanaryLimits.defaults());

  /**
   * A canary of 1000 from a consented list with an SMS fallback: 780 reached on Viber, 210 fell
   * back (196 SMS delivered), a few hours of seen reports, clicks, opt-outs and blocks.
   */
  static ViberCanaryCounts healthy() {
    return new ViberCanaryCounts(
        1000, 0, 780, 230, 0, 0, 0, new Fallback(210, 0, 0, 196, 6, 1, 2, 5), 64, 3, 2);
  }

  static CanaryEvidence evidence(ViberCanaryCounts counts) {
    return new CanaryEvidence(counts, START, null);
  }

  static MetricScore metric(CanaryDecision d, String name) {
    return d.report().metric(name).orElseThrow(() -> new AssertionError(d.report().text()));
  }

  @Test
  void aHealthyViberCanaryIsReleasedWhenTheWindowEndsAndNotBefore() {
    CanaryEvidence healthy = evidence(healthy());
    for (Duration at :
        new Duration[] {Duration.ZERO, Duration.ofMinutes(30), WINDOW.minusSeconds(1)}) {
      assertThat(scorer.score(healthy, START.plus(at)))
          .as("at %s", at)
          .isInstanceOf(CanaryDecision.Wait.class);
    }
    CanaryDecision end = scorer.score(healthy, START.plus(WINDOW));
    assertThat(end).isInstanceOf(CanaryDecision.Release.class);
    for (String judged : new String[] {"seen", "undelivered", "opt-outs and blocks"}) {
      assertThat(metric(end, judged).verdict()).as(judged).isEqualTo(Verdict.OK);
    }
  }

  @Test
  void theReportNamesTheViberMetricsWithTheirBasesAndNoEmailOnes() {
    String text = scorer.score(evidence(healthy()), START.plus(WINDOW)).report().text();
    assertThat(text)
        .contains("  - Viber delivered: 780 of 1000 sent")
        .contains("  - seen: 230 of 780 Viber delivered = 29.5%")
        .contains("  - undelivered: 6 of 985 reported = 0.609%")
        .contains("  - not Viber users: 0 of 1000 sent")
        .contains("  - fallen back to SMS: 210 of 1000 sent")
        .contains("  - SMS delivered: 196 of 210 fallen back")
        .contains("  - SMS rejected: 1 of 205 receipted SMS")
        .contains("  - opt-outs and blocks: 5 of 981 accepted")
        .contains("  - button and link clicks: 64 of 981 accepted")
        .contains("warning 10%, failing 3%") // seen
        .contains("warning 5%, failing 10%") // undelivered
        .contains("warning 2%, failing 5%"); // SMS rejected, opt-outs
    assertThat(text)
        .doesNotContain("human opens", "complaints", "bounces", "policy blocks", "  - link clicks");
  }

  @Test
  void manyBlocksHoldTheCampaignEarly() {
    // An hour in: 70 of the 900 accepted blocked the sender or used the link (7.8%).
    ViberCanaryCounts counts =
        new ViberCanaryCounts(1000, 200, 700, 150, 0, 0, 0, Fallback.none(), 20, 10, 60);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(Duration.ofHours(1)));

    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing())
        .extracting(MetricScore::metric)
        .containsExactly("opt-outs and blocks");
    assertThat(d.report().summary())
        .startsWith("HOLD after 1h")
        .contains("opt-outs and blocks 7.78% is above the 2% warning limit");
    assertThat(metric(d, "seen").verdict()).isEqualTo(Verdict.PENDING);
  }

  @Test
  void aBoughtListWhoseFallbackSmsCannotBeDeliveredIsHeld() {
    // 40 minutes in: half the numbers have no Viber; of their SMS, 100 of 300 receipted failed.
    ViberCanaryCounts counts =
        new ViberCanaryCounts(
            1000, 100, 300, 40, 0, 0, 0, new Fallback(500, 50, 150, 200, 100, 0, 0, 0), 5, 1, 0);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(Duration.ofMinutes(40)));

    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing()).extracting(MetricScore::metric).containsExactly("undelivered");
    assertThat(d.report().text()).contains("undelivered: 100 of 600 reported = 16.7%");
  }

  @Test
  void numbersWithoutViberSayNothingAboutTheSender() {
    // No fallback: 430 numbers have no Viber; of the 560 Viber reported on, 10 failed.
    ViberCanaryCounts counts =
        new ViberCanaryCounts(1000, 0, 550, 160, 5, 5, 430, Fallback.none(), 30, 2, 1);
    CanaryDecision d = scorer.score(evidence(counts), START.plus(WINDOW));

    assertThat(d).isInstanceOf(CanaryDecision.Release.class);
    assertThat(metric(d, "undelivered"))
        .extracting(MetricScore::count, MetricScore::base, MetricScore::verdict)
        .containsExactly(10L, 560L, Verdict.OK);
    assertThat(metric(d, "not Viber users"))
        .extracting(MetricScore::count, MetricScore::verdict)
        .containsExactly(430L, Verdict.NOT_JUDGED);
  }

  @Test
  void aListNobodyReadsIsHeldAtTheEndOfTheWindowNotBefore() {
    // Delivered to 950 Viber users; 12 saw it (1.3%).
    ViberCanaryCounts counts =
        new ViberCanaryCounts(1000, 0, 950, 12, 20, 0, 30, Fallback.none(), 1, 0, 0);
    CanaryDecision before = scorer.score(evidence(counts), START.plus(WINDOW).minusSeconds(1));
    assertThat(before).isInstanceOf(CanaryDecision.Wait.class);
    assertThat(metric(before, "seen").verdict()).isEqualTo(Verdict.PENDING);

    CanaryDecision end = scorer.score(evidence(counts), START.plus(WINDOW));
    assertThat(end).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(end.report().failing()).extracting(MetricScore::metric).containsExactly("seen");
    assertThat(end.report().summary())
        .contains("HOLD at the end of the window")
        .contains("seen 1.26% is below the 10% warning limit");

    // Sent only in the second half of the window: too little time to be read, so not judged.
    CanaryEvidence late =
        new CanaryEvidence(counts, START, START.plus(WINDOW.dividedBy(2)).plusSeconds(1));
    CanaryDecision lateEnd = scorer.score(late, START.plus(WINDOW));
    assertThat(lateEnd).isInstanceOf(CanaryDecision.Release.class);
    assertThat(metric(lateEnd, "seen").verdict()).isEqualTo(Verdict.PENDING);
  }

  @Test
  void messagesAwaitingReportsOrTheirFallbackKeepTheCanaryWaitingAfterTheWindow() {
    ViberCanaryCounts waiting =
        new ViberCanaryCounts(
            1000, 300, 650, 200, 0, 0, 0, new Fallback(50, 20, 30, 0, 0, 0, 0, 0), 10, 2, 0);
    CanaryDecision d = scorer.score(evidence(waiting), START.plus(Duration.ofHours(7)));
    assertThat(d).isInstanceOf(CanaryDecision.Wait.class);
    assertThat(d.report().summary())
        .contains("650 of 1000 canary messages have a final outcome")
        .contains("300 accepted by the provider await a Viber report")
        .contains("20 fell back and wait for their SMS to go out")
        .contains("30 fallback SMS accepted by the SMSC await a receipt");

    // The validity ended: the rest expired on Viber and fell back; their SMS receipts came.
    ViberCanaryCounts done =
        new ViberCanaryCounts(
            1000, 0, 650, 200, 0, 0, 0, new Fallback(350, 0, 0, 330, 12, 0, 3, 5), 10, 2, 0);
    Instant dayLater = START.plus(Duration.ofHours(26));
    CanaryDecision released = scorer.score(new CanaryEvidence(done, START, dayLater), dayLater);
    assertThat(released).isInstanceOf(CanaryDecision.Release.class);
    assertThat(released.report().summary())
        .contains("1000 of 1000 canary messages have a final outcome.");
  }

  @Test
  void theViberLimitsAreValidatedLikeTheOthers() {
    ViberCanaryLimits viber = CanaryLimits.defaults().viber();
    assertThat(viber).isEqualTo(ViberCanaryLimits.defaults());
    assertThat(CanaryLimits.defaults().withConfidence(0.99).viber()).isEqualTo(viber);
    assertThatThrownBy(() -> new ViberCanaryLimits(0.10, 0.03, 0.05, 0.10, 0.02, 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seen");
    assertThatThrownBy(() -> new ViberCanaryCounts(10, 0, 0, 0, 0, 0, 0, Fallback.none(), 0, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fallback(0, 0, 0, 0, -1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
