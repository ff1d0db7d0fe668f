package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Phase;
import io.herald.tracking.Engagement;
import io.herald.tracking.Engagement.Kind;
import io.herald.tracking.EngagementClassifier.Reason;
import io.herald.tracking.EngagementClassifier.Verdict;
import io.herald.tracking.EngagementStore.Recorded;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engagement counting on a real Redis: once per contact, in the contact's phase, machines apart,
 * "every link at once" consistent whichever request lands first, and a capped per-account log.
 */
class RedisEngagementStoreTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:05:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final AccountId OTHER = new AccountId("00000000000000b2");
  static final CampaignId CAMPAIGN = new CampaignId("00000000000000c1");
  static final Verdict HUMAN = new Verdict.Human();

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  RedisEngagementStore store;
  RedisCampaignStore campaigns;

  @BeforeEach
  void fresh() {
    redis = live.redis(); // emptied by the extension
    store = new RedisEngagementStore(redis, Duration.ofSeconds(2));
    campaigns = new RedisCampaignStore(redis, HeraldNode.objectMapper());
    campaigns.create(campaign(ACCOUNT, CAMPAIGN));
  }

  static Campaign campaign(AccountId account, CampaignId id) {
    return new Campaign(
        account,
        id,
        io.herald.campaign.Channel.EMAIL,
        "news",
        Map.of(),
        "Shop",
        "news@shop.example",
        Optional.empty(),
        "Hi",
        "<p>x</p>",
        Optional.empty(),
        new CampaignState.Draft(),
        3,
        T0,
        true);
  }

  static Engagement event(String contact, Kind kind, Verdict verdict, Instant at) {
    return new Engagement(ACCOUNT, CAMPAIGN, contact, kind, verdict, "test", at);
  }

  Map<String, String> stats() {
    return redis.sync().hgetall(Keys.campaignStats(ACCOUNT, CAMPAIGN.value()));
  }

  @Test
  void eachContactCountsOncePerKindAndVerdict() {
    assertThat(store.record(event("e:ann@x.ua", Kind.OPENED, HUMAN, T0)))
        .isEqualTo(new Recorded.Counted(Phase.ALL, HUMAN));
    assertThat(store.record(event("e:ann@x.ua", Kind.OPENED, HUMAN, T0.plusSeconds(60))))
        .isEqualTo(new Recorded.Repeated(Phase.ALL, HUMAN));
    var proxy = new Verdict.Machine(Reason.PRIVACY_PROXY);
    assertThat(store.record(event("e:ann@x.ua", Kind.OPENED, proxy, T0)))
        .isEqualTo(new Recorded.Counted(Phase.ALL, proxy));
    store.record(event("e:bob@x.ua", Kind.OPENED, HUMAN, T0));
    store.record(event("e:bob@x.ua", Kind.UNSUBSCRIBED, HUMAN, T0));
    store.record(event("e:bob@x.ua", Kind.UNSUBSCRIBED, HUMAN, T0.plusSeconds(1)));
    store.record(event("e:eve@x.ua", Kind.COMPLAINED, HUMAN, T0));

    assertThat(stats())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "all.opened", "2",
                "all.opened_machine", "1",
                "all.unsubscribed", "1",
                "all.complained", "1"));
    assertThat(store.events(ACCOUNT, CAMPAIGN, 100)).hasSize(5);
  }

  @Test
  void thePhaseIsAllWithoutACanaryAndCanaryOrRestWithOne() {
    store.record(event("e:ann@x.ua", Kind.OPENED, HUMAN, T0));
    redis.sync().sadd(Keys.campaignCanaryContacts(ACCOUNT, CAMPAIGN.value()), "e:bob@x.ua");
    assertThat(store.record(event("e:bob@x.ua", Kind.OPENED, HUMAN, T0)))
        .isEqualTo(new Recorded.Counted(Phase.CANARY, HUMAN));
    assertThat(store.record(event("e:cid@x.ua", Kind.CLICKED, HUMAN, T0)))
        .isEqualTo(new Recorded.Counted(Phase.REST, HUMAN));
    store.record(event("e:bob@x.ua", Kind.COMPLAINED, HUMAN, T0));

    assertThat(stats())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "all.opened", "1",
                "canary.opened", "1",
                "rest.clicked", "1",
                "canary.complained", "1"));
    assertThat(store.events(ACCOUNT, CAMPAIGN, 10))
        .extracting(logged -> logged.phase())
        .containsExactly(Phase.CANARY, Phase.REST, Phase.CANARY, Phase.ALL);
  }

  @Test
  void nothingIsWrittenForACampaignThatDoesNotExist() {
    var gone = new CampaignId("00000000000000d4");
    var e = new Engagement(OTHER, gone, "e:ann@x.ua", Kind.UNSUBSCRIBED, HUMAN, "link", T0);
    assertThat(store.record(e)).isEqualTo(new Recorded.NoCampaign());
    assertThat(store.noteClick(OTHER, gone, "e:ann@x.ua", "https://x.ua/", T0)).isEmpty();
    assertThat(redis.sync().keys("*" + OTHER.value() + "*")).isEmpty();
  }

  @Test
  void recentClicksAreTheMessagesOwnAndExpire() {
    store.noteClick(ACCOUNT, CAMPAIGN, "e:ann@x.ua", "https://x.ua/a", T0);
    store.noteClick(ACCOUNT, CAMPAIGN, "e:bob@x.ua", "https://x.ua/b", T0);
    var recent =
        store.noteClick(ACCOUNT, CAMPAIGN, "e:ann@x.ua", "https://x.ua/c", T0.plusMillis(5));
    assertThat(recent)
        .extracting(c -> c.url() + "@" + c.at())
        .containsExactly("https://x.ua/a@" + T0, "https://x.ua/c@" + T0.plusMillis(5));
    Long ttl =
        redis.sync().pttl(Keys.campaignRecentClicks(ACCOUNT, CAMPAIGN.value(), "e:ann@x.ua"));
    assertThat(ttl).isBetween(1L, RedisEngagementStore.RECENT_CLICKS_KEPT.toMillis());
    // a click past the window forgets the old ones
    assertThat(
            store.noteClick(
                ACCOUNT, CAMPAIGN, "e:ann@x.ua", "https://x.ua/d", T0.plus(Duration.ofMinutes(2))))
        .extracting(c -> c.url())
        .containsExactly("https://x.ua/d");
  }

  @Test
  void aBurstDemotesTheHumanClickItBeganWith() {
    var burst = new Verdict.Machine(Reason.EVERY_LINK_AT_ONCE);
    assertThat(store.record(event("e:ann@x.ua", Kind.CLICKED, HUMAN, T0)))
        .isEqualTo(new Recorded.Counted(Phase.ALL, HUMAN));
    assertThat(stats()).containsEntry("all.clicked", "1");

    assertThat(store.record(event("e:ann@x.ua", Kind.CLICKED, burst, T0.plusMillis(300))))
        .isEqualTo(new Recorded.Counted(Phase.ALL, burst));
    assertThat(stats()).containsEntry("all.clicked", "0").containsEntry("all.clicked_machine", "1");

    // the third link of the burst changes nothing more
    assertThat(store.record(event("e:ann@x.ua", Kind.CLICKED, burst, T0.plusMillis(600))))
        .isEqualTo(new Recorded.Repeated(Phase.ALL, burst));
    assertThat(stats()).containsEntry("all.clicked", "0").containsEntry("all.clicked_machine", "1");
  }

  @Test
  void aHumanVerdictLandingAfterItsBurstIsRecordedAsTheMachines() {
    var burst = new Verdict.Machine(Reason.EVERY_LINK_AT_ONCE);
    store.record(event("e:ann@x.ua", Kind.CLICKED, burst, T0.plusMillis(200)));
    assertThat(store.record(event("e:ann@x.ua", Kind.CLICKED, HUMAN, T0)))
        .isEqualTo(new Recorded.Repeated(Phase.ALL, burst));
    assertThat(stats()).doesNotContainKey("all.clicked").containsEntry("all.clicked_machine", "1");
  }

  @Test
  void aPersonsClickLongAfterABurstCounts() {
    var burst = new Verdict.Machine(Reason.EVERY_LINK_AT_ONCE);
    store.record(event("e:ann@x.ua", Kind.CLICKED, burst, T0));
    assertThat(store.record(event("e:ann@x.ua", Kind.CLICKED, HUMAN, T0.plusSeconds(30))))
        .isEqualTo(new Recorded.Counted(Phase.ALL, HUMAN));
    // and a burst much later does not take it back
    store.record(event("e:ann@x.ua", Kind.CLICKED, burst, T0.plusSeconds(50)));
    assertThat(stats()).containsEntry("all.clicked", "1").containsEntry("all.clicked_machine", "1");
  }

  @Test
  void theLogIsPerAccountNewestFirstFilteredByCampaignAndCapped() {
    var second = new CampaignId("00000000000000c2");
    campaigns.create(campaign(ACCOUNT, second));
    campaigns.create(campaign(OTHER, CAMPAIGN));
    for (int i = 0; i < 1200; i++) {
      store.record(event("e:r" + i + "@x.ua", Kind.OPENED, HUMAN, T0.plusSeconds(i)));
      store.record(
          new Engagement(
              ACCOUNT,
              second,
              "e:r" + i + "@x.ua",
              Kind.OPENED,
              HUMAN,
              "pixel",
              T0.plusSeconds(i)));
    }
    store.record(new Engagement(OTHER, CAMPAIGN, "e:o@x.ua", Kind.OPENED, HUMAN, "pixel", T0));

    var latest = store.events(ACCOUNT, CAMPAIGN, 1000);
    assertThat(latest).hasSize(1000);
    assertThat(latest.getFirst().engagement().contactKey()).isEqualTo("e:r1199@x.ua");
    assertThat(latest.getFirst().engagement().at()).isEqualTo(T0.plusSeconds(1199));
    assertThat(latest).allMatch(l -> l.engagement().campaign().equals(CAMPAIGN));
    assertThat(latest).allMatch(l -> l.engagement().account().equals(ACCOUNT));
    assertThat(store.events(OTHER, CAMPAIGN, 10))
        .singleElement()
        .satisfies(l -> assertThat(l.engagement().contactKey()).isEqualTo("e:o@x.ua"));
    assertThat(redis.sync().xlen(Keys.events(ACCOUNT))).isEqualTo(2400);
  }

  @Test
  void theLogKeepsAboutTheLastTenThousandEvents() {
    for (int i = 0; i < RedisEngagementStore.EVENTS_KEPT + 2000; i++) {
      store.record(event("e:r" + i + "@x.ua", Kind.OPENED, HUMAN, T0));
    }
    assertThat(redis.sync().xlen(Keys.events(ACCOUNT)))
        .isBetween(
            (long) RedisEngagementStore.EVENTS_KEPT, RedisEngagementStore.EVENTS_KEPT + 200L);
  }

  @Test
  void everyKeyAnEventTouchesIsInTheAccountsSlot() {
    int slot = SlotHash.getSlot(Keys.account(ACCOUNT));
    store.noteClick(ACCOUNT, CAMPAIGN, "e:{odd}@x.ua", "https://x.ua/", T0);
    store.record(event("e:{odd}@x.ua", Kind.CLICKED, HUMAN, T0));
    store.record(event("e:{odd}@x.ua", Kind.OPENED, new Verdict.Machine(Reason.HEAD_REQUEST), T0));
    List<String> keys =
        List.of(
            Keys.campaign(ACCOUNT, CAMPAIGN.value()),
            Keys.campaignCanaryContacts(ACCOUNT, CAMPAIGN.value()),
            Keys.campaignStats(ACCOUNT, CAMPAIGN.value()),
            Keys.campaignEngaged(ACCOUNT, CAMPAIGN.value(), "clicked_machine"),
            Keys.campaignRecentClicks(ACCOUNT, CAMPAIGN.value(), "e:{odd}@x.ua"),
            Keys.events(ACCOUNT));
    assertThat(keys).allMatch(k -> SlotHash.getSlot(k) == slot);
    assertThat(redis.sync().keys("*")).allMatch(k -> SlotHash.getSlot(k) == slot);
  }
}
