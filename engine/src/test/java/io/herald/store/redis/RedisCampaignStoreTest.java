package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.Suppression;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.CampaignStore.Final;
import io.herald.campaign.CampaignStore.SendCheck;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger and the send-time check on a real Redis, one recipient at a time and in batches: a
 * batch records and reads exactly what the same calls one by one would.
 */
class RedisCampaignStoreTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final CampaignId CAMPAIGN = new CampaignId("00000000000000c1");

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  RedisCampaignStore campaigns;
  RedisAudienceStore audience;

  @BeforeEach
  void fresh() {
    redis = live.redis(); // emptied by the extension
    campaigns = new RedisCampaignStore(redis, HeraldNode.objectMapper());
    audience =
        new RedisAudienceStore(redis, HeraldNode.objectMapper(), Clock.fixed(T0, ZoneOffset.UTC));
    campaigns.create(
        new Campaign(
            ACCOUNT,
            CAMPAIGN,
            io.herald.campaign.Channel.EMAIL,
            "news",
            Map.of(),
            "Shop",
            "news@shop.example",
            Optional.empty(),
            "Hi",
            "<p>Hi</p>",
            Optional.empty(),
            new CampaignState.Sending(Phase.ALL),
            5,
            T0,
            true));
    campaigns.addRecipients(
        ACCOUNT,
        CAMPAIGN,
        LongStream.rangeClosed(1, 5)
            .mapToObj(
                n ->
                    new Recipient(
                        n,
                        "e:r" + n + "@x.example",
                        "r" + n + "@x.example",
                        "",
                        "R " + n,
                        Map.of()))
            .toList());
  }

  @Test
  void aBatchOfOutcomesIsRecordedOnceEachAndCountedLikeSingleCalls() {
    assertThat(campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, 1, Phase.ALL, "delivered"))
        .isEqualTo(1);

    List<Long> recorded =
        campaigns.recordFinals(
            ACCOUNT,
            CAMPAIGN,
            List.of(
                new Final(2, Phase.ALL, "delivered", true),
                new Final(1, Phase.ALL, "delivered", true), // already final
                new Final(3, Phase.ALL, "suppressed", false),
                new Final(3, Phase.ALL, "delivered", true), // twice in one batch
                new Final(4, Phase.ALL, "bounced_hard", true)));

    assertThat(recorded).containsExactly(2L, -1L, 3L, -1L, 4L);
    var stats = campaigns.stats(ACCOUNT, CAMPAIGN);
    assertThat(stats.get(Phase.ALL, "delivered")).isEqualTo(2);
    assertThat(stats.get(Phase.ALL, "sent")).isEqualTo(3);
    assertThat(stats.get(Phase.ALL, "suppressed")).isEqualTo(1);
    assertThat(stats.get(Phase.ALL, "bounced_hard")).isEqualTo(1);
    assertThat(campaigns.finals(ACCOUNT, CAMPAIGN)).isEqualTo(4);
    assertThat(campaigns.recordFinal(ACCOUNT, CAMPAIGN, 4, Phase.ALL, "failed")).isEqualTo(-1);
    assertThat(campaigns.recordFinals(ACCOUNT, CAMPAIGN, List.of())).isEmpty();
  }

  @Test
  void aBatchCheckReadsWhatSingleChecksRead() {
    campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, 2, Phase.ALL, "delivered");
    audience.suppress(ACCOUNT, new Suppression("e:r3@x.example", "unsubscribed", T0));

    List<SendCheck> batch = campaigns.checkAll(ACCOUNT, CAMPAIGN, List.of(1L, 2L, 3L, 9L));

    assertThat(batch)
        .containsExactly(
            campaigns.check(ACCOUNT, CAMPAIGN, 1),
            campaigns.check(ACCOUNT, CAMPAIGN, 2),
            campaigns.check(ACCOUNT, CAMPAIGN, 3),
            campaigns.check(ACCOUNT, CAMPAIGN, 9));
    assertThat(batch.get(0).state()).contains(new CampaignState.Sending(Phase.ALL));
    assertThat(batch.get(0).recipient().map(Recipient::email)).contains("r1@x.example");
    assertThat(batch.get(0).alreadyFinal()).isFalse();
    assertThat(batch.get(0).suppressed()).isFalse();
    assertThat(batch.get(1).alreadyFinal()).isTrue();
    assertThat(batch.get(2).suppressed()).isTrue();
    assertThat(batch.get(3).recipient()).isEmpty();
    assertThat(campaigns.checkAll(new AccountId("00000000000000b2"), CAMPAIGN, List.of(1L)))
        .singleElement()
        .satisfies(c -> assertThat(c.state()).isEmpty());
  }

  @Test
  void aRecipientIsSuppressedWhenItsPhoneIsThoughItsKeyIsItsEmail() {
    // As the snapshot excludes a contact whose email or phone is suppressed, so does the check:
    // a STOP reply or a blocked Viber sender suppresses the phone of a contact keyed by email.
    campaigns.addRecipients(
        ACCOUNT,
        CAMPAIGN,
        List.of(
            new Recipient(6, "e:r6@x.example", "r6@x.example", "+380500000006", "R 6", Map.of())));
    audience.suppress(ACCOUNT, new Suppression("p:+380500000006", "STOP", T0));

    assertThat(campaigns.check(ACCOUNT, CAMPAIGN, 6).suppressed()).isTrue();
    assertThat(campaigns.check(ACCOUNT, CAMPAIGN, 5).suppressed()).isFalse();
  }

  @Test
  void aReceiptThatOvertakesItsSubmissionIsTheOutcomeAndTheMessageIsCountedSentOnce() {
    assertThat(campaigns.recordLateOutcome(ACCOUNT, CAMPAIGN, 1, "submitted", "delivered"))
        .isTrue();
    // The worker's own record of the submission comes second: a duplicate, counted nowhere.
    assertThat(campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, 1, Phase.ALL, "submitted"))
        .isEqualTo(-1);
    assertThat(campaigns.recordLateOutcome(ACCOUNT, CAMPAIGN, 1, "submitted", "expired")).isFalse();

    CampaignStats stats = campaigns.stats(ACCOUNT, CAMPAIGN);
    assertThat(stats.get(Phase.ALL, "sent")).isEqualTo(1);
    assertThat(stats.get(Phase.ALL, "delivered")).isEqualTo(1);
    assertThat(stats.get(Phase.ALL, "submitted")).isZero();
    assertThat(stats.get(Phase.ALL, "expired")).isZero();
    assertThat(campaigns.finals(ACCOUNT, CAMPAIGN)).isEqualTo(1);
  }

  @Test
  void aReceiptAfterTheSubmissionMovesSubmittedToItsOutcome() {
    campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, 2, Phase.ALL, "submitted");
    assertThat(campaigns.recordLateOutcome(ACCOUNT, CAMPAIGN, 2, "submitted", "undeliverable"))
        .isTrue();

    CampaignStats stats = campaigns.stats(ACCOUNT, CAMPAIGN);
    assertThat(stats.get(Phase.ALL, "sent")).isEqualTo(1);
    assertThat(stats.get(Phase.ALL, "submitted")).isZero();
    assertThat(stats.get(Phase.ALL, "undeliverable")).isEqualTo(1);
  }

  @Test
  void manyReceiptsOfACampaignAreRecordedInOneStepEachOnce() {
    campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, 2, Phase.ALL, "submitted");
    campaigns.recordSentFinal(ACCOUNT, CAMPAIGN, 3, Phase.ALL, "submitted");
    List<Boolean> moved =
        campaigns.recordLateOutcomes(
            ACCOUNT,
            CAMPAIGN,
            List.of(
                new CampaignStore.LateOutcome(2, "submitted", "delivered"),
                new CampaignStore.LateOutcome(3, "submitted", "undeliverable"),
                new CampaignStore.LateOutcome(2, "submitted", "expired"),
                new CampaignStore.LateOutcome(4, "submitted", "delivered")));
    assertThat(moved).containsExactly(true, true, false, true);

    CampaignStats stats = campaigns.stats(ACCOUNT, CAMPAIGN);
    assertThat(stats.get(Phase.ALL, "sent")).isEqualTo(3);
    assertThat(stats.get(Phase.ALL, "submitted")).isZero();
    assertThat(stats.get(Phase.ALL, "delivered")).isEqualTo(2);
    assertThat(stats.get(Phase.ALL, "undeliverable")).isEqualTo(1);
    assertThat(stats.get(Phase.ALL, "expired")).isZero();
    assertThat(campaigns.finals(ACCOUNT, CAMPAIGN)).isEqualTo(3);
  }
}
