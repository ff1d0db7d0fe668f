package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import io.herald.canary.Canaries;
import io.herald.canary.CanaryDecision;
import io.herald.canary.CanaryLimits;
import io.herald.canary.CanaryScorer;
import io.herald.canary.MetricScore;
import io.herald.canary.Verdict;
import io.herald.testing.MutableClock;
import io.herald.testing.ViberCampaigns;
import io.herald.tracking.Engagement;
import io.herald.tracking.Engagement.Kind;
import io.herald.tracking.EngagementClassifier;
import io.herald.tracking.EngagementClassifier.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Viber campaign's canary on a real Redis: Viber reports, fallbacks to SMS and their receipts,
 * seen reports, blocks, link opt-outs and clicks land in the canary phase's counters (as the
 * ledger's compare-and-set moves a recipient), and the canary is scored on Viber metrics read from
 * them — held when the fallback SMS of a bought list cannot be delivered, released when the numbers
 * that fail are only numbers without Viber.
 */
class RedisViberCanaryTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final CampaignId CAMPAIGN = new CampaignId("00000000000000c7");
  static final int AUDIENCE = 2000; // a canary of 200

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  final MutableClock clock = new MutableClock(T0);
  final Map<Phase, List<Long>> dispatched = new EnumMap<>(Phase.class);
  RedisCampaignStore campaigns;
  RedisEngagementStore engagement;
  Canaries canaries;
  List<Long> sample;

  /** Starts a Viber campaign's canary, with or without an SMS fallback. */
  void canaryStarted(boolean fallback) {
    Redis redis = live.redis(); // emptied by the extension
    campaigns = new RedisCampaignStore(redis, HeraldNode.objectMapper());
    engagement = new RedisEngagementStore(redis, Duration.ofSeconds(2));
    canaries =
        new Canaries(
            true,
            new RedisCanaryStore(redis, HeraldNode.objectMapper()),
            campaigns,
            (campaign, phase, numbers) ->
                dispatched.computeIfAbsent(phase, p -> new ArrayList<>()).addAll(numbers),
            new CanaryScorer(CanaryLimits.defaults()),
            clock,
            new SplittableRandom(17));
    Campaign campaign =
        ViberCampaigns.sending(ACCOUNT, CAMPAIGN, Phase.CANARY, AUDIENCE, fallback, T0);
    campaigns.create(campaign);
    campaigns.addRecipients(
        ACCOUNT,
        CAMPAIGN,
        LongStream.rangeClosed(1, AUDIENCE)
            .mapToObj(n -> new Recipient(n, key(n), "", phone(n), "R " + n, Map.of()))
            .toList());
    campaigns.setRecipientCount(ACCOUNT, CAMPAIGN, AUDIENCE);
    canaries.begin(campaign, AUDIENCE);
    sample = List.copyOf(dispatched.get(Phase.CANARY));
  }

  static String phone(long n) {
    return "+38067%07d".formatted(n);
  }

  static String key(long n) {
    return "p:" + phone(n);
  }

  void accepted(List<Long> numbers) {
    for (long n : numbers) {
      campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, n, Phase.CANARY, "viber_submitted");
    }
  }

  void moved(List<Long> numbers, String from, String to) {
    for (long n : numbers) {
      assertThat(campaigns.recordLateOutcome(ACCOUNT, CAMPAIGN, n, from, to))
          .as("%s -> %s for %d", from, to, n)
          .isTrue();
    }
  }

  void fellBack(List<Long> numbers) {
    moved(numbers, "viber_submitted", "fallback_pending");
    numbers.forEach(n -> campaigns.count(ACCOUNT, CAMPAIGN, Phase.CANARY, "fallen_back"));
  }

  void counted(int times, String counter) {
    for (int i = 0; i < times; i++) {
      campaigns.count(ACCOUNT, CAMPAIGN, Phase.CANARY, counter);
    }
  }

  void engaged(long number, Kind kind, EngagementClassifier.Verdict verdict) {
    engagement.record(
        new Engagement(ACCOUNT, CAMPAIGN, key(number), kind, verdict, "link", clock.instant()));
  }

  static MetricScore metric(CanaryDecision d, String name) {
    return d.report().metric(name).orElseThrow(() -> new AssertionError(d.report().text()));
  }

  static void countOfBase(CanaryDecision d, String name, long count, long base) {
    assertThat(metric(d, name))
        .as(name)
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(count, base);
  }

  @Test
  void reportsFallbacksAndOptOutsBecomeTheCanarysViberCountsAndUndeliverableFallbacksHoldIt() {
    canaryStarted(true);
    assertThat(sample).hasSize(200);
    accepted(sample);
    moved(sample.subList(0, 120), "viber_submitted", "viber_delivered");
    counted(40, "seen");
    // A seen report before its delivered one: it delivers the message and counts seen once.
    moved(sample.subList(120, 121), "viber_submitted", "viber_delivered");
    counted(1, "seen");
    fellBack(sample.subList(121, 181));
    moved(sample.subList(121, 171), "fallback_pending", "submitted");
    moved(sample.subList(121, 141), "submitted", "delivered");
    moved(sample.subList(141, 166), "submitted", "undeliverable");
    // A late Viber report for a message whose fallback already went out changes nothing.
    assertThat(
            campaigns.recordLateOutcome(
                ACCOUNT, CAMPAIGN, sample.get(121), "viber_submitted", "viber_delivered"))
        .isFalse();
    counted(2, "blocked");
    for (long n : sample.subList(0, 3)) {
      engaged(n, Kind.UNSUBSCRIBED, new EngagementClassifier.Verdict.Human());
    }
    for (long n : sample.subList(10, 35)) {
      engaged(n, Kind.CLICKED, new EngagementClassifier.Verdict.Human());
    }
    engaged(
        sample.get(40),
        Kind.CLICKED,
        new EngagementClassifier.Verdict.Machine(Reason.AUTOMATED_AGENT));

    clock.advance(Duration.ofHours(1));
    CanaryDecision d = canaries.evaluate(ACCOUNT, CAMPAIGN).orElseThrow();

    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing()).extracting(MetricScore::metric).containsExactly("undelivered");
    countOfBase(d, "Viber delivered", 121, 200);
    countOfBase(d, "seen", 41, 121);
    assertThat(metric(d, "seen").verdict()).isEqualTo(Verdict.PENDING);
    // Reported: 121 delivered on Viber and 45 fallback SMS with a receipt; 25 undeliverable.
    countOfBase(d, "undelivered", 25, 166);
    countOfBase(d, "fallen back to SMS", 60, 200);
    countOfBase(d, "SMS delivered", 20, 60);
    countOfBase(d, "SMS rejected", 0, 45);
    // Accepted: 19 awaiting a Viber report, 121 delivered, 5 SMS awaiting a receipt, 20 delivered.
    countOfBase(d, "opt-outs and blocks", 5, 165);
    countOfBase(d, "button and link clicks", 25, 165);
    assertThat(canaries.of(ACCOUNT, CAMPAIGN).orElseThrow().campaign().state())
        .isEqualTo(new CampaignState.Held());
    assertThat(campaigns.stats(ACCOUNT, CAMPAIGN).get(Phase.CANARY, "clicked_machine"))
        .isEqualTo(1);
    assertThat(dispatched).doesNotContainKey(Phase.REST);
  }

  @Test
  void numbersWithoutViberDoNotHoldACampaignWithoutFallback() {
    canaryStarted(false);
    // 45 numbers have no Viber: the provider says so when it is asked to send.
    for (long n : sample.subList(0, 45)) {
      campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, n, Phase.CANARY, "not_viber_user");
    }
    accepted(sample.subList(45, 200));
    moved(sample.subList(45, 195), "viber_submitted", "viber_delivered");
    moved(sample.subList(195, 198), "viber_submitted", "viber_undelivered");
    moved(sample.subList(198, 200), "viber_submitted", "viber_expired");
    counted(70, "seen");
    counted(1, "blocked");

    // The monitor looks every few minutes: it sees every message final early in the window.
    clock.advance(Duration.ofMinutes(10));
    assertThat(canaries.evaluate(ACCOUNT, CAMPAIGN).orElseThrow())
        .isInstanceOf(CanaryDecision.Wait.class);
    clock.advance(Duration.ofHours(6));
    CanaryDecision d = canaries.evaluate(ACCOUNT, CAMPAIGN).orElseThrow();

    assertThat(d).isInstanceOf(CanaryDecision.Release.class);
    countOfBase(d, "not Viber users", 45, 200);
    countOfBase(d, "undelivered", 5, 155);
    countOfBase(d, "seen", 70, 150);
    countOfBase(d, "opt-outs and blocks", 1, 150);
    countOfBase(d, "fallen back to SMS", 0, 200);
    assertThat(metric(d, "seen").verdict()).isEqualTo(Verdict.OK);
    assertThat(campaigns.find(ACCOUNT, CAMPAIGN).orElseThrow().state())
        .isEqualTo(new CampaignState.Sending(Phase.REST));
    assertThat(dispatched.get(Phase.REST)).hasSize(AUDIENCE - 200);
  }
}
