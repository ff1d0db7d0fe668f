package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.MobileReply;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.SmsFeedback;
import io.herald.channel.sms.SmsReceiptTimeouts;
import io.herald.channel.sms.SmsRef;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.tracking.EngagementClassifier;
import io.herald.tracking.Engagements;
import io.herald.tracking.TokenSigner;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receipts and replies end to end on a real Redis, with the real campaign, audience and engagement
 * stores: a campaign's recipients are recorded {@code submitted} as the worker does, then receipts
 * arrive in every order (or never) and phones answer.
 */
class SmsFeedbackTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final AccountId OTHER = new AccountId("00000000000000b2");
  static final CampaignId CAMPAIGN = new CampaignId("00000000000000c1");
  static final Duration TIMEOUT = Duration.ofHours(48);
  static final String SENDER = "Shop";

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  MutableClock clock;
  RedisCampaignStore campaigns;
  RedisAudienceStore audience;
  RedisSmsReceiptStore store;
  Engagements engagements;
  List<WebhookEvent> emitted;
  SmsFeedback feedback;

  @BeforeEach
  void fresh() {
    redis = live.redis();
    clock = new MutableClock(T0);
    campaigns = new RedisCampaignStore(redis, HeraldNode.objectMapper());
    audience = new RedisAudienceStore(redis, HeraldNode.objectMapper(), clock);
    store = new RedisSmsReceiptStore(redis, HeraldNode.objectMapper(), clock);
    emitted = new CopyOnWriteArrayList<>();
    EngagementClassifier.Rules rules = EngagementClassifier.Rules.DEFAULT;
    engagements =
        new Engagements(
            new TokenSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
            new EngagementClassifier(rules, clock),
            new RedisEngagementStore(redis, rules.linkBurst()),
            audience,
            campaigns,
            clock,
            (account, id) -> false,
            emitted::add);
    feedback =
        new SmsFeedback(
            store,
            campaigns,
            audience,
            engagements,
            emitted::add,
            SmsFeedback.MessageOutcomes.NONE,
            clock,
            new SmsFeedback.Settings(TIMEOUT, 3));
    smsCampaign(ACCOUNT, CAMPAIGN);
  }

  /** Recipients 1–4 have only a phone, 5 and 6 an email too; 1 and 2 are the canary. */
  void smsCampaign(AccountId account, CampaignId id) {
    campaigns.create(
        new Campaign(
            account,
            id,
            Channel.SMS,
            "news",
            Map.of(),
            "",
            SENDER,
            Optional.empty(),
            "",
            "",
            Optional.of("Sale today"),
            new CampaignState.Sending(Phase.CANARY),
            6,
            T0,
            true));
    campaigns.addRecipients(
        account,
        id,
        LongStream.rangeClosed(1, 6)
            .mapToObj(
                n ->
                    new Recipient(
                        n,
                        n <= 4 ? "p:" + phone(n) : "e:r" + n + "@x.example",
                        n <= 4 ? "" : "r" + n + "@x.example",
                        phone(n),
                        "R " + n,
                        Map.of()))
            .toList());
    redis.sync().hset(Keys.campaignCanary(account, id.value()), "size", "2");
    redis.sync().sadd(Keys.campaignCanaryNumbers(account, id.value()), "1", "2");
    redis.sync().sadd(Keys.campaignCanaryContacts(account, id.value()), "p:" + phone(1), key(2));
  }

  static String phone(long n) {
    return "+38050000000" + n;
  }

  static String key(long n) {
    return n <= 4 ? "p:" + phone(n) : "e:r" + n + "@x.example";
  }

  SmsRef ref(AccountId account, CampaignId id, long n) {
    Recipient r = campaigns.check(account, id, n).recipient().orElseThrow();
    return SmsRef.campaign(account, id, r, n <= 2 ? Phase.CANARY : Phase.REST, SENDER);
  }

  /** What the SMS channel and the worker do when the SMSC accepts recipient n's message. */
  void accepted(long n, String... ids) {
    accepted(ACCOUNT, CAMPAIGN, n, ids);
  }

  void accepted(AccountId account, CampaignId id, long n, String... ids) {
    feedback.submitted(List.of(ids), ref(account, id, n));
    campaigns.recordSentFinal(account, id, n, n <= 2 ? Phase.CANARY : Phase.REST, "submitted");
  }

  void receipt(String id, ReceiptState state) {
    feedback.receipt(
        new DeliveryReceipt(id, state, state == ReceiptState.DELIVERED ? "" : "1", T0));
  }

  String ledger(long n) {
    return ledger(ACCOUNT, CAMPAIGN, n);
  }

  String ledger(AccountId account, CampaignId id, long n) {
    return redis.sync().hget(Keys.campaignLedger(account, id.value()), Long.toString(n));
  }

  long count(Phase phase, String counter) {
    return campaigns.stats(ACCOUNT, CAMPAIGN).get(phase, counter);
  }

  List<WebhookEvent> events(EventType type) {
    return emitted.stream().filter(e -> e.type() == type).toList();
  }

  boolean suppressed(AccountId account, String key) {
    return !audience.suppressedAmong(account, List.of(key)).isEmpty();
  }

  @Test
  void aReceiptAfterTheSubmitMovesSubmittedToDelivered() {
    accepted(3, "m3");
    assertThat(ledger(3)).isEqualTo("submitted");
    receipt("m3", ReceiptState.ENROUTE);
    assertThat(ledger(3)).isEqualTo("submitted");
    receipt("m3", ReceiptState.DELIVERED);
    assertThat(ledger(3)).isEqualTo("delivered");
    assertThat(count(Phase.REST, "delivered")).isEqualTo(1);
    assertThat(count(Phase.REST, "submitted")).isZero();
    assertThat(count(Phase.REST, "sent")).isEqualTo(1);
    WebhookEvent event = events(EventType.DELIVERED).getFirst();
    assertThat(event.campaign()).contains(CAMPAIGN.value());
    assertThat(event.recipient()).contains(phone(3));
    assertThat(event.data()).containsEntry("channel", "sms").containsEntry("timedOut", false);
  }

  @Test
  void aReceiptBeforeTheSubmitIsAppliedWhenItIsRecorded() {
    receipt("m1", ReceiptState.DELIVERED);
    assertThat(ledger(1)).isNull();
    accepted(1, "m1");
    assertThat(ledger(1)).isEqualTo("delivered");
    assertThat(count(Phase.CANARY, "delivered")).isEqualTo(1);
    assertThat(count(Phase.CANARY, "submitted")).isZero();
    assertThat(campaigns.finals(ACCOUNT, CAMPAIGN)).isEqualTo(1);
    assertThat(events(EventType.DELIVERED)).hasSize(1);
  }

  @Test
  void aReceiptTwiceCountsOnce() {
    accepted(1, "m1");
    receipt("m1", ReceiptState.UNDELIVERABLE);
    receipt("m1", ReceiptState.UNDELIVERABLE);
    receipt("m1", ReceiptState.DELIVERED);
    assertThat(ledger(1)).isEqualTo("undeliverable");
    assertThat(count(Phase.CANARY, "undeliverable")).isEqualTo(1);
    assertThat(events(EventType.FAILED)).hasSize(1);
    assertThat(events(EventType.FAILED).getFirst().data())
        .containsEntry("outcome", "undeliverable")
        .containsEntry("error", "1");
    assertThat(store.countUndeliverable(ACCOUNT, phone(1))).as("counted once before").isEqualTo(2);
  }

  @Test
  void noReceiptIsUnknownAfterTheTimeoutAndALateOneChangesNothing() {
    accepted(1, "m1");
    accepted(3, "m3");
    receipt("m3", ReceiptState.DELIVERED);
    clock.advance(TIMEOUT.minusMinutes(1));
    assertThat(feedback.applyTimeouts(100)).isZero();
    assertThat(ledger(1)).isEqualTo("submitted");
    clock.advance(Duration.ofMinutes(1));
    assertThat(feedback.applyTimeouts(100)).isEqualTo(1);
    assertThat(ledger(1)).isEqualTo("unknown");
    assertThat(count(Phase.CANARY, "unknown")).isEqualTo(1);
    assertThat(count(Phase.CANARY, "submitted")).isZero();
    assertThat(feedback.applyTimeouts(100)).isZero();
    receipt("m1", ReceiptState.DELIVERED);
    assertThat(ledger(1)).isEqualTo("unknown");
    assertThat(count(Phase.CANARY, "delivered")).isZero();
    assertThat(events(EventType.FAILED))
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("outcome", "unknown"))
        .satisfies(e -> assertThat(e.data()).containsEntry("timedOut", true));
    assertThat(ledger(3)).isEqualTo("delivered");
  }

  @Test
  void aDecisionItsNodeDidNotApplyIsAppliedByASweepOnce() {
    accepted(1, "m1");
    accepted(3, "m3");
    store.receipt(new DeliveryReceipt("m1", ReceiptState.DELIVERED, "", T0)); // then the node died
    store.receipt(new DeliveryReceipt("m3", ReceiptState.UNDELIVERABLE, "1", T0));
    campaigns.recordLateOutcome(ACCOUNT, CAMPAIGN, 3, "submitted", "undeliverable"); // died here
    clock.advance(Duration.ofMinutes(11));
    assertThat(feedback.applyTimeouts(10)).isEqualTo(2);
    assertThat(ledger(1)).isEqualTo("delivered");
    assertThat(ledger(3)).isEqualTo("undeliverable");
    assertThat(count(Phase.CANARY, "delivered")).isEqualTo(1);
    assertThat(count(Phase.REST, "undeliverable")).isEqualTo(1);
    assertThat(events(EventType.DELIVERED)).hasSize(1);
    assertThat(events(EventType.FAILED)).as("its effects went with the node").isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(feedback.applyTimeouts(10)).isZero();
  }

  @Test
  void theSweepAppliesTimeoutsOnItsOwn() throws Exception {
    accepted(1, "m1");
    accepted(2, "m2", "m2b");
    receipt("m2", ReceiptState.EXPIRED);
    clock.advance(TIMEOUT);
    try (SmsReceiptTimeouts sweep = new SmsReceiptTimeouts(feedback, Duration.ofMillis(20))) {
      Await.until(() -> List.of(ledger(1), ledger(2)), l -> !l.contains("submitted"));
    }
    assertThat(ledger(1)).isEqualTo("unknown");
    assertThat(ledger(2)).as("a part failed before the deadline").isEqualTo("expired");
  }

  @Test
  void aMessageOfPartsTakesItsWorstPart() {
    accepted(3, "a", "b", "c");
    receipt("c", ReceiptState.DELIVERED);
    receipt("a", ReceiptState.EXPIRED);
    assertThat(ledger(3)).isEqualTo("submitted");
    receipt("b", ReceiptState.UNDELIVERABLE);
    assertThat(ledger(3)).isEqualTo("undeliverable");
    accepted(4, "d", "e");
    receipt("e", ReceiptState.DELIVERED);
    receipt("d", ReceiptState.DELIVERED);
    assertThat(ledger(4)).isEqualTo("delivered");
    assertThat(count(Phase.REST, "undeliverable")).isEqualTo(1);
    assertThat(count(Phase.REST, "delivered")).isEqualTo(1);
  }

  @Test
  void aNumberUndeliverableTimesInARowIsSuppressed() {
    CampaignId[] ids = {
      CAMPAIGN,
      new CampaignId("00000000000000c2"),
      new CampaignId("00000000000000c3"),
      new CampaignId("00000000000000c4"),
      new CampaignId("00000000000000c5")
    };
    for (int i = 1; i < ids.length; i++) {
      smsCampaign(ACCOUNT, ids[i]);
    }
    fail(ids[0], "u0");
    fail(ids[1], "u1");
    accepted(ACCOUNT, ids[2], 3, "d2");
    receipt("d2", ReceiptState.DELIVERED); // the phone works after all: the count starts again
    fail(ids[3], "u3");
    fail(ids[4], "u4");
    assertThat(suppressed(ACCOUNT, "p:" + phone(3))).isFalse();
    smsCampaign(ACCOUNT, new CampaignId("00000000000000c6"));
    fail(new CampaignId("00000000000000c6"), "u6");
    assertThat(suppressed(ACCOUNT, "p:" + phone(3))).isTrue();
    assertThat(suppressed(OTHER, "p:" + phone(3))).isFalse();
    assertThat(audience.suppressions(ACCOUNT, Optional.empty(), 10).items().getFirst().reason())
        .isEqualTo("undeliverable 3 times (sms)");
  }

  void fail(CampaignId id, String messageId) {
    accepted(ACCOUNT, id, 3, messageId);
    receipt(messageId, ReceiptState.UNDELIVERABLE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "STOP",
        "stop",
        "Stop.",
        "stop!!",
        " СТОП ",
        "стоп",
        "ВІДПИСАТИСЯ",
        "Відписатися!",
        "ОТПИСАТЬСЯ",
        "отписаться.",
        "UNSUBSCRIBE",
        "unsubscribe"
      })
  void aStopReplySuppressesThePhoneAndCountsTheOptOut(String text) {
    accepted(5, "m5");
    feedback.reply(new MobileReply(phone(5), SENDER, text, T0));
    assertThat(suppressed(ACCOUNT, "p:" + phone(5))).isTrue();
    assertThat(suppressed(ACCOUNT, key(5))).as("the contact itself").isTrue();
    assertThat(count(Phase.REST, "unsubscribed")).isEqualTo(1);
    assertThat(events(EventType.UNSUBSCRIBED))
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("source", "stop"));
    assertThat(events(EventType.REPLIED)).isEmpty();
    assertThat(store.replies(ACCOUNT, 10))
        .singleElement()
        .satisfies(r -> assertThat(r.optOut()).isTrue());
  }

  @Test
  void anyOtherReplyIsLoggedAndReported() {
    accepted(3, "m3");
    feedback.reply(new MobileReply(phone(3), "SHOP", "don't stop, when is the sale?", T0));
    assertThat(suppressed(ACCOUNT, "p:" + phone(3))).isFalse();
    assertThat(count(Phase.REST, "unsubscribed")).isZero();
    assertThat(store.replies(ACCOUNT, 10))
        .singleElement()
        .satisfies(r -> assertThat(r.reply().text()).isEqualTo("don't stop, when is the sale?"))
        .satisfies(r -> assertThat(r.answered().number()).isEqualTo(3));
    WebhookEvent event = events(EventType.REPLIED).getFirst();
    assertThat(event.recipient()).contains(phone(3));
    assertThat(event.campaign()).contains(CAMPAIGN.value());
    assertThat(event.data()).containsEntry("text", "don't stop, when is the sale?");
  }

  @Test
  void aStopAndALinkUnsubscribeCountOnceWhicheverComesFirst() {
    accepted(1, "m1");
    accepted(2, "m2");
    engagements.unsubscribed(ACCOUNT, CAMPAIGN, key(1), Engagements.LINK);
    feedback.reply(new MobileReply(phone(1), SENDER, "STOP", T0));
    feedback.reply(new MobileReply(phone(2), SENDER, "Stop", T0));
    engagements.unsubscribed(ACCOUNT, CAMPAIGN, key(2), Engagements.LINK);
    feedback.reply(new MobileReply(phone(2), SENDER, "stop!", T0));
    assertThat(count(Phase.CANARY, "unsubscribed")).isEqualTo(2);
    assertThat(events(EventType.UNSUBSCRIBED)).hasSize(2);
    assertThat(suppressed(ACCOUNT, "p:" + phone(1))).isTrue();
  }

  @Test
  void aReplyAnswersTheLatestMessageToThePhoneFromThatSender() {
    CampaignId other = new CampaignId("00000000000000d1");
    smsCampaign(OTHER, other);
    accepted(1, "m1");
    clock.advance(Duration.ofMinutes(5));
    accepted(OTHER, other, 1, "n1");
    feedback.reply(new MobileReply(phone(1), SENDER, "STOP", T0));
    assertThat(suppressed(OTHER, "p:" + phone(1))).isTrue();
    assertThat(suppressed(ACCOUNT, "p:" + phone(1))).isFalse();
  }

  @Test
  void aReplyToNoKnownMessageIsDropped() {
    accepted(1, "m1");
    feedback.reply(new MobileReply(phone(3), SENDER, "STOP", T0));
    feedback.reply(new MobileReply(phone(1), "Another", "STOP", T0));
    assertThat(suppressed(ACCOUNT, "p:" + phone(3))).isFalse();
    assertThat(suppressed(ACCOUNT, "p:" + phone(1))).isFalse();
    assertThat(store.replies(ACCOUNT, 10)).isEmpty();
    assertThat(emitted).isEmpty();
  }

  @Test
  void aTransactionalStopSuppressesThePhone() {
    SmsRef message = SmsRef.message(ACCOUNT, "00000000000000e1", 0, phone(4), SENDER);
    feedback.submitted(List.of("t1"), message);
    feedback.reply(new MobileReply(phone(4), SENDER, "СТОП", T0));
    assertThat(suppressed(ACCOUNT, "p:" + phone(4))).isTrue();
    assertThat(count(Phase.REST, "unsubscribed")).isZero();
  }
}
