package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import io.herald.canary.Canaries;
import io.herald.canary.CanaryDecision;
import io.herald.canary.CanaryLimits;
import io.herald.canary.CanaryScorer;
import io.herald.canary.MetricScore;
import io.herald.testing.MutableClock;
import io.herald.tracking.Engagement;
import io.herald.tracking.Engagement.Kind;
import io.herald.tracking.EngagementClassifier.Reason;
import io.herald.tracking.EngagementClassifier.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An SMS campaign's canary on a real Redis: submissions, receipts (early, twice, never) and STOP
 * and link opt-outs land in the canary phase's counters, and the canary is scored on SMS metrics
 * read from them — held for undeliverable numbers, released after the receipt timeout when the
 * route sends no receipts at all.
 */
class RedisSmsCanaryTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final CampaignId CAMPAIGN = new CampaignId("00000000000000c5");
  static final int AUDIENCE = 2000; // a canary of 200

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  final MutableClock clock = new MutableClock(T0);
  final Map<Phase, List<Long>> dispatched = new EnumMap<>(Phase.class);
  RedisCampaignStore campaigns;
  RedisEngagementStore engagement;
  Canaries canaries;
  List<Long> sample;

  @BeforeEach
  void canaryStarted() {
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
            new SplittableRandom(13));
    Campaign campaign =
        new Campaign(
            ACCOUNT,
            CAMPAIGN,
            Channel.SMS,
            "news",
            Map.of(),
            "",
            "SHOP",
            Optional.empty(),
            "",
            "",
            Optional.of("Sale today"),
            new CampaignState.Sending(Phase.CANARY),
            AUDIENCE,
            T0,
            true);
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
    return "+38050%07d".formatted(n);
  }

  static String key(long n) {
    return "p:" + phone(n);
  }

  void submitted(List<Long> numbers) {
    for (long n : numbers) {
      campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, n, Phase.CANARY, "submitted");
    }
  }

  void receipts(List<Long> numbers, String outcome) {
    for (long n : numbers) {
      assertThat(campaigns.recordLateOutcome(ACCOUNT, CAMPAIGN, n, "submitted", outcome))
          .as("receipt %s for %d", outcome, n)
          .isTrue();
    }
  }

  void engaged(long number, Kind kind, Verdict verdict, String source) {
    engagement.record(
        new Engagement(ACCOUNT, CAMPAIGN, key(number), kind, verdict, source, clock.instant()));
  }

  static MetricScore metric(CanaryDecision d, String name) {
    return d.report().metrics().stream()
        .filter(m -> m.metric().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + d.report().text()));
  }

  @Test
  void receiptsAndOptOutsBecomeTheCanarysSmsCountsAndManyUndeliverableNumbersHoldIt() {
    assertThat(sample).hasSize(200);
    // The SMSC accepts 199; the receipt of the last overtakes the record of its submission.
    submitted(sample.subList(0, 199));
    receipts(sample.subList(199, 200), "delivered");
    assertThat(
            campaigns.recordSentFinal(
                ACCOUNT, CAMPAIGN, sample.get(199), Phase.CANARY, "submitted"))
        .isEqualTo(-1);
    receipts(sample.subList(0, 149), "delivered");
    receipts(sample.subList(150, 180), "undeliverable");
    receipts(sample.subList(180, 185), "rejected");
    receipts(sample.subList(185, 190), "expired");
    // A second receipt for a message changes nothing; 190…199 still await theirs.
    assertThat(
            campaigns.recordLateOutcome(ACCOUNT, CAMPAIGN, sample.get(0), "submitted", "delivered"))
        .isFalse();
    for (long n : sample.subList(0, 12)) {
      engaged(n, Kind.UNSUBSCRIBED, new Verdict.Human(), n % 2 == 0 ? "stop" : "link");
    }
    engaged(sample.get(0), Kind.UNSUBSCRIBED, new Verdict.Human(), "link"); // once per contact
    for (long n : sample.subList(20, 40)) {
      engaged(n, Kind.CLICKED, new Verdict.Human(), "link");
    }
    for (long n : sample.subList(40, 43)) {
      engaged(n, Kind.CLICKED, new Verdict.Machine(Reason.AUTOMATED_AGENT), "link");
    }
    Set<Long> inSample = new HashSet<>(sample);
    LongStream.rangeClosed(1, AUDIENCE)
        .filter(n -> !inSample.contains(n))
        .limit(5)
        .forEach(n -> engaged(n, Kind.UNSUBSCRIBED, new Verdict.Human(), "stop"));

    clock.advance(Duration.ofHours(1));
    CanaryDecision d = canaries.evaluate(ACCOUNT, CAMPAIGN).orElseThrow();

    assertThat(d).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(d.report().failing()).extracting(MetricScore::metric).contains("undeliverable");
    assertThat(metric(d, "delivered"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(150L, 200L);
    assertThat(metric(d, "undeliverable"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(30L, 190L);
    assertThat(metric(d, "rejected"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(5L, 190L);
    assertThat(metric(d, "expired"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(5L, 190L);
    assertThat(metric(d, "unknown").count()).isZero();
    // Accepted: 150 delivered and 10 awaiting a receipt; STOPs and links counted once each.
    assertThat(metric(d, "opt-outs"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(12L, 160L);
    assertThat(metric(d, "link clicks"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(20L, 160L);
    assertThat(d.report().metrics())
        .extracting(MetricScore::metric)
        .doesNotContain("human opens", "complaints", "hard bounces");

    assertThat(canaries.of(ACCOUNT, CAMPAIGN).orElseThrow())
        .satisfies(r -> assertThat(r.campaign().state()).isEqualTo(new CampaignState.Held()))
        .satisfies(
            r ->
                assertThat(r.canary().report())
                    .contains(
                        "undeliverable: 30 of 190 receipted", "opt-outs: 12 of 160 accepted"));
    CampaignStats stats = campaigns.stats(ACCOUNT, CAMPAIGN);
    assertThat(stats.get(Phase.CANARY, "submitted")).isEqualTo(10);
    assertThat(stats.get(Phase.REST, "unsubscribed")).isEqualTo(5);
    assertThat(stats.get(Phase.CANARY, "clicked_machine")).isEqualTo(3);
    assertThat(dispatched).doesNotContainKey(Phase.REST);
  }

  @Test
  void aRouteThatSendsNoReceiptsIsReleasedOnceTheReceiptTimeoutMakesThemUnknown() {
    submitted(sample);
    for (long n : sample.subList(0, 2)) {
      engaged(n, Kind.UNSUBSCRIBED, new Verdict.Human(), "stop");
    }

    clock.advance(Duration.ofHours(7));
    CanaryDecision afterWindow = canaries.evaluate(ACCOUNT, CAMPAIGN).orElseThrow();
    assertThat(afterWindow).isInstanceOf(CanaryDecision.Wait.class);
    assertThat(afterWindow.report().summary())
        .contains("0 of 200 canary messages have a final outcome", "200 accepted by the SMSC");

    clock.advance(Duration.ofHours(17)); // the receipt timeout ends every wait for a receipt
    receipts(sample, "unknown");
    CanaryDecision d = canaries.evaluate(ACCOUNT, CAMPAIGN).orElseThrow();

    assertThat(d).isInstanceOf(CanaryDecision.Release.class);
    assertThat(metric(d, "unknown"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(200L, 200L);
    assertThat(metric(d, "opt-outs"))
        .extracting(MetricScore::count, MetricScore::base)
        .containsExactly(2L, 200L);
    assertThat(metric(d, "undeliverable").base()).isZero();
    assertThat(campaigns.find(ACCOUNT, CAMPAIGN).orElseThrow().state())
        .isEqualTo(new CampaignState.Sending(Phase.REST));
    assertThat(dispatched.get(Phase.REST)).hasSize(AUDIENCE - 200);
    assertThat(canaries.of(ACCOUNT, CAMPAIGN).orElseThrow().canary().sendsFinished())
        .contains(clock.instant());
  }
}
