package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.ContactKeys;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import io.herald.campaign.ViberSpec;
import io.herald.channel.viber.ViberFeedback;
import io.herald.channel.viber.ViberGateway;
import io.herald.channel.viber.ViberRef;
import io.herald.channel.viber.ViberReport;
import io.herald.channel.viber.ViberReport.State;
import io.herald.channel.viber.ViberSendOutcome;
import io.herald.channel.viber.ViberSubmission;
import io.herald.channel.viber.ViberSweeps;
import io.herald.delivery.WorkQueue;
import io.herald.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Viber reports on a real Redis with the real campaign, audience and queue stores: recipients are
 * recorded {@code viber_submitted} as the worker does, then reports arrive in every order, twice,
 * late, or never (the sweep), and the SMS fallback is queued exactly once.
 */
class ViberFeedbackTest {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final CampaignId WITH_FALLBACK = new CampaignId("00000000000000c1");
  static final CampaignId NO_FALLBACK = new CampaignId("00000000000000c2");

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  MutableClock clock;
  RedisCampaignStore campaigns;
  RedisAudienceStore audience;
  RedisWorkQueue queue;
  RedisViberDue due;
  List<String> events;
  ViberFeedback feedback;

  @BeforeEach
  void fresh() {
    redis = live.redis();
    clock = new MutableClock(T0);
    campaigns = new RedisCampaignStore(redis, HeraldNode.objectMapper());
    audience = new RedisAudienceStore(redis, HeraldNode.objectMapper(), clock);
    queue = new RedisWorkQueue(redis);
    due = new RedisViberDue(redis);
    events = new CopyOnWriteArrayList<>();
    feedback =
        new ViberFeedback(
            campaigns,
            audience,
            queue,
            due,
            new ViberFeedback.Events() {
              @Override
              public void delivered(ViberRef ref) {
                events.add("delivered " + ref.number());
              }

              @Override
              public void seen(ViberRef ref) {
                events.add("seen " + ref.number());
              }

              @Override
              public void failed(ViberRef ref, State reason, String detail, boolean fallback) {
                events.add((fallback ? "fallback " : "") + reason + " " + ref.number());
              }
            },
            clock);
    viberCampaign(WITH_FALLBACK, Optional.of("Sale today, see shop.example"));
    viberCampaign(NO_FALLBACK, Optional.empty());
  }

  @AfterEach
  void close() {
    queue.close();
  }

  void viberCampaign(CampaignId id, Optional<String> fallback) {
    campaigns.create(
        new Campaign(
            ACCOUNT,
            id,
            Channel.VIBER,
            "news",
            Map.of(),
            "",
            "Shop",
            Optional.empty(),
            "",
            "",
            Optional.of("Sale today"),
            new CampaignState.Sending(Phase.ALL),
            4,
            T0,
            true,
            Optional.of(
                new ViberSpec(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    3600,
                    fallback,
                    fallback.map(f -> "Shop")))));
    campaigns.addRecipients(
        ACCOUNT,
        id,
        LongStream.rangeClosed(1, 4)
            .mapToObj(n -> new Recipient(n, "p:" + phone(n), "", phone(n), "R " + n, Map.of()))
            .toList());
  }

  static String phone(long n) {
    return "+38050000000" + n;
  }

  ViberReport report(CampaignId id, long number, State state) {
    return new ViberReport(
        new ViberRef(ACCOUNT, id, number, Phase.ALL).messageId(), state, "", clock.instant());
  }

  void submitted(CampaignId id, long number) {
    campaigns.recordSentFinal(ACCOUNT, id, number, Phase.ALL, "viber_submitted");
  }

  long count(CampaignId id, String counter) {
    CampaignStats stats = campaigns.stats(ACCOUNT, id);
    return stats.get(Phase.ALL, counter);
  }

  Optional<String> outcome(CampaignId id, long number) {
    return campaigns.check(ACCOUNT, id, number).outcome();
  }

  List<WorkQueue.Claimed> queued() {
    List<WorkQueue.Claimed> all = new ArrayList<>();
    List<WorkQueue.Claimed> some;
    while (!(some = queue.claim("test", 100, Duration.ofMillis(10))).isEmpty()) {
      all.addAll(some);
    }
    return all;
  }

  @Test
  void seenBeforeDeliveredCountsOneDeliveryAndOneSeen() {
    submitted(NO_FALLBACK, 1);
    feedback.report(report(NO_FALLBACK, 1, State.SEEN));
    feedback.report(report(NO_FALLBACK, 1, State.DELIVERED));
    feedback.report(report(NO_FALLBACK, 1, State.SEEN));

    assertThat(outcome(NO_FALLBACK, 1)).contains("viber_delivered");
    assertThat(count(NO_FALLBACK, "viber_delivered")).isEqualTo(1);
    assertThat(count(NO_FALLBACK, "viber_submitted")).isZero();
    assertThat(count(NO_FALLBACK, "seen")).isEqualTo(1);
    assertThat(count(NO_FALLBACK, "sent")).isEqualTo(1);
    assertThat(events).containsExactly("delivered 1", "seen 1");
  }

  @Test
  void aReportBeforeTheSubmissionIsRecordedIsTheOutcomeAndTheSubmissionChangesNothing() {
    feedback.report(report(NO_FALLBACK, 2, State.DELIVERED));
    submitted(NO_FALLBACK, 2);

    assertThat(outcome(NO_FALLBACK, 2)).contains("viber_delivered");
    assertThat(count(NO_FALLBACK, "viber_delivered")).isEqualTo(1);
    assertThat(count(NO_FALLBACK, "viber_submitted")).isZero();
    assertThat(count(NO_FALLBACK, "sent")).isEqualTo(1);
  }

  @Test
  void undeliveredQueuesTheFallbackOnceHoweverManyFailureReportsCome() {
    submitted(WITH_FALLBACK, 1);
    feedback.report(report(WITH_FALLBACK, 1, State.UNDELIVERED));
    feedback.report(report(WITH_FALLBACK, 1, State.UNDELIVERED));
    feedback.report(report(WITH_FALLBACK, 1, State.EXPIRED));

    assertThat(outcome(WITH_FALLBACK, 1)).contains("fallback_pending");
    assertThat(count(WITH_FALLBACK, "fallback_pending")).isEqualTo(1);
    assertThat(count(WITH_FALLBACK, "fallen_back")).isEqualTo(1);
    assertThat(count(WITH_FALLBACK, "viber_submitted")).isZero();
    assertThat(queued()).extracting(c -> c.item().recipient()).containsExactly(1L);
    assertThat(events).containsExactly("fallback UNDELIVERED 1");
  }

  @Test
  void lateReportsAfterTheFallbackWentOutChangeNothing() {
    submitted(WITH_FALLBACK, 3);
    feedback.report(report(WITH_FALLBACK, 3, State.EXPIRED));
    // the worker sent the SMS: its outcome replaced fallback_pending
    assertThat(
            campaigns.recordLateOutcome(ACCOUNT, WITH_FALLBACK, 3, "fallback_pending", "submitted"))
        .isTrue();
    feedback.report(report(WITH_FALLBACK, 3, State.DELIVERED));
    feedback.report(report(WITH_FALLBACK, 3, State.UNDELIVERED));

    assertThat(outcome(WITH_FALLBACK, 3)).contains("submitted");
    assertThat(count(WITH_FALLBACK, "submitted")).isEqualTo(1);
    assertThat(count(WITH_FALLBACK, "viber_delivered")).isZero();
    assertThat(count(WITH_FALLBACK, "fallback_pending")).isZero();
    assertThat(count(WITH_FALLBACK, "fallen_back")).isEqualTo(1);
  }

  @Test
  void aLateDeliveryWhileTheFallbackWaitsMakesItNeedless() {
    submitted(WITH_FALLBACK, 4);
    feedback.report(report(WITH_FALLBACK, 4, State.EXPIRED));
    feedback.report(report(WITH_FALLBACK, 4, State.DELIVERED));

    assertThat(outcome(WITH_FALLBACK, 4)).contains("viber_delivered");
    assertThat(count(WITH_FALLBACK, "fallback_pending")).isZero();
    assertThat(count(WITH_FALLBACK, "viber_delivered")).isEqualTo(1);
    // the worker finds the recipient delivered: nothing replaces that
    assertThat(
            campaigns.recordLateOutcome(ACCOUNT, WITH_FALLBACK, 4, "fallback_pending", "submitted"))
        .isFalse();
  }

  @Test
  void withoutAFallbackAFailureIsTheOutcome() {
    submitted(NO_FALLBACK, 3);
    feedback.report(report(NO_FALLBACK, 3, State.NOT_VIBER_USER));
    feedback.report(report(NO_FALLBACK, 3, State.DELIVERED));

    assertThat(outcome(NO_FALLBACK, 3)).contains("not_viber_user");
    assertThat(count(NO_FALLBACK, "not_viber_user")).isEqualTo(1);
    assertThat(queued()).isEmpty();
    assertThat(events).containsExactly("NOT_VIBER_USER 3");
  }

  @Test
  void blockingTheSenderSuppressesThePhoneForTheAccount() {
    submitted(NO_FALLBACK, 4);
    feedback.report(report(NO_FALLBACK, 4, State.DELIVERED));
    feedback.report(report(NO_FALLBACK, 4, State.BLOCKED));
    feedback.report(report(NO_FALLBACK, 4, State.BLOCKED));

    assertThat(audience.suppressedAmong(ACCOUNT, List.of(ContactKeys.phone(phone(4))))).hasSize(1);
    assertThat(count(NO_FALLBACK, "blocked")).isEqualTo(1);
    assertThat(outcome(NO_FALLBACK, 4)).contains("viber_delivered");
  }

  @Test
  void aMessageRefusedBecauseTheRecipientBlockedTheSenderDoesNotFallBack() {
    submitted(WITH_FALLBACK, 1);
    feedback.report(report(WITH_FALLBACK, 1, State.BLOCKED));

    assertThat(outcome(WITH_FALLBACK, 1)).contains("viber_undelivered");
    assertThat(audience.suppressedAmong(ACCOUNT, List.of(ContactKeys.phone(phone(1))))).hasSize(1);
    assertThat(count(WITH_FALLBACK, "fallen_back")).isZero();
    assertThat(queued()).isEmpty();
  }

  @Test
  void reportsAboutMessagesHeraldDidNotSendOrAGoneCampaignWriteNothing() {
    feedback.report(new ViberReport("someone-else:42", State.DELIVERED, "", T0));
    CampaignId gone = new CampaignId("00000000000000dd");
    feedback.report(report(gone, 1, State.UNDELIVERED));

    assertThat(redis.sync().keys("herald:" + ACCOUNT.value() + ":campaign:" + gone.value() + "*"))
        .isEmpty();
    assertThat(queued()).isEmpty();
  }

  @Test
  void aMessageNobodyReportsOnExpiresAfterItsValidityAndFallsBack() {
    submitted(WITH_FALLBACK, 2);
    String id = new ViberRef(ACCOUNT, WITH_FALLBACK, 2, Phase.ALL).messageId();
    due.expect(id, T0.plus(Duration.ofHours(1)));
    ViberSweeps sweeps =
        new ViberSweeps(noReports(), feedback, due, campaigns, clock, Optional.empty());

    assertThat(sweeps.round()).isZero();
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(sweeps.round()).isEqualTo(1);

    assertThat(outcome(WITH_FALLBACK, 2)).contains("fallback_pending");
    assertThat(queued()).extracting(c -> c.item().recipient()).containsExactly(2L);
    // the fallback's work was lost with its node: after the recheck it is queued again
    clock.advance(ViberFeedback.FALLBACK_RECHECK.plusSeconds(1));
    assertThat(sweeps.round()).isEqualTo(1);
    assertThat(queued()).extracting(c -> c.item().recipient()).containsExactly(2L);
    // once the SMS is recorded, the sweep lets it be
    campaigns.recordLateOutcome(ACCOUNT, WITH_FALLBACK, 2, "fallback_pending", "submitted");
    clock.advance(ViberFeedback.FALLBACK_RECHECK.plusSeconds(1));
    assertThat(sweeps.round()).isEqualTo(1);
    clock.advance(ViberFeedback.FALLBACK_RECHECK.plusSeconds(1));
    assertThat(sweeps.round()).isZero();
  }

  @Test
  void aNodeDyingBetweenTheLedgerMoveAndQueueingTheFallbackLosesNoSms() {
    submitted(WITH_FALLBACK, 1);
    ViberFeedback dying =
        new ViberFeedback(
            campaigns,
            audience,
            new DiesBeforeQueueing(queue),
            due,
            ViberFeedback.Events.NONE,
            clock);
    assertThatThrownBy(() -> dying.report(report(WITH_FALLBACK, 1, State.UNDELIVERED)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(outcome(WITH_FALLBACK, 1)).contains("fallback_pending");
    // the provider sends the report again (its callback got no answer) to another node: the ledger
    // has moved already, so that node queues nothing …
    feedback.report(report(WITH_FALLBACK, 1, State.UNDELIVERED));
    assertThat(queued()).isEmpty();
    // … and the sweep finds the recipient waiting with no work queued, within the grace
    ViberSweeps sweeps =
        new ViberSweeps(noReports(), feedback, due, campaigns, clock, Optional.empty());
    clock.advance(ViberFeedback.FALLBACK_QUEUE_GRACE.plusSeconds(1));
    assertThat(sweeps.round()).isEqualTo(1);
    assertThat(queued()).extracting(c -> c.item().recipient()).containsExactly(1L);
    assertThat(count(WITH_FALLBACK, "fallen_back")).isEqualTo(1);
  }

  @Test
  void aFallbackQueuedOnceIsNotQueuedAgainByTheSweepWhileItWaits() {
    submitted(WITH_FALLBACK, 2);
    feedback.report(report(WITH_FALLBACK, 2, State.EXPIRED));
    feedback.report(report(WITH_FALLBACK, 2, State.EXPIRED));
    ViberSweeps sweeps =
        new ViberSweeps(noReports(), feedback, due, campaigns, clock, Optional.empty());
    clock.advance(ViberFeedback.FALLBACK_QUEUE_GRACE.plusSeconds(1));

    assertThat(sweeps.round()).isZero();
    assertThat(queued()).extracting(c -> c.item().recipient()).containsExactly(2L);
  }

  /** A node that dies after moving the ledger, before its fallback's work item is queued. */
  record DiesBeforeQueueing(WorkQueue queue) implements WorkQueue {
    @Override
    public void enqueue(List<io.herald.delivery.WorkItem> items) {
      throw new IllegalStateException("killed before queueing " + items);
    }

    @Override
    public List<Claimed> claim(String consumer, int max, Duration wait) {
      return queue.claim(consumer, max, wait);
    }

    @Override
    public List<Claimed> reclaim(String consumer, Duration idle, int max) {
      return queue.reclaim(consumer, idle, max);
    }

    @Override
    public void acknowledge(Claimed claimed) {
      queue.acknowledge(claimed);
    }

    @Override
    public void retryLater(Claimed claimed, io.herald.delivery.WorkItem next, Instant at) {
      queue.retryLater(claimed, next, at);
    }

    @Override
    public int releaseDue(Instant now, int max) {
      return queue.releaseDue(now, max);
    }

    @Override
    public long backlog() {
      return queue.backlog();
    }

    @Override
    public void close() {}
  }

  static ViberGateway noReports() {
    return new ViberGateway() {
      @Override
      public ViberSendOutcome send(ViberSubmission submission) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<ViberReport> poll(int max) {
        return List.of();
      }
    };
  }
}
