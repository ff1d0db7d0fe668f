package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.Phase;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.MobileReply;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.SmsOutcome;
import io.herald.channel.sms.SmsReceiptStore.Decided;
import io.herald.channel.sms.SmsReceiptStore.Reply;
import io.herald.channel.sms.SmsRef;
import io.herald.testing.MutableClock;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The receipt store on a real Redis: receipts before and after the submit is recorded, twice,
 * interim, late, never; parts decided by the worst; timeouts taken once across nodes; every key
 * with a time to live, per-message keys spread over slots.
 */
class RedisSmsReceiptStoreTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final Duration TIMEOUT = Duration.ofHours(48);

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  MutableClock clock;
  RedisSmsReceiptStore store;

  /** Where the tests run: a single server here, a cluster in a subclass. */
  LiveRedis live() {
    return live;
  }

  @BeforeEach
  void fresh() {
    redis = live().redis();
    clock = new MutableClock(T0);
    store = new RedisSmsReceiptStore(redis, HeraldNode.objectMapper(), clock);
  }

  static SmsRef ref(long number) {
    return new SmsRef(
        ACCOUNT,
        SmsRef.Origin.CAMPAIGN,
        "00000000000000c1",
        number,
        Phase.CANARY,
        "+38050000000" + number,
        "Shop",
        "p:+38050000000" + number);
  }

  DeliveryReceipt receipt(String id, ReceiptState state) {
    return new DeliveryReceipt(id, state, state == ReceiptState.DELIVERED ? "000" : "001", T0);
  }

  Optional<Decided> expect(SmsRef ref, String... ids) {
    return store.expect(List.of(ids), ref, clock.instant().plus(TIMEOUT));
  }

  @Test
  void aReceiptAfterTheSubmitDecidesTheMessage() {
    assertThat(expect(ref(1), "m1")).isEmpty();
    Optional<Decided> decided = store.receipt(receipt("m1", ReceiptState.DELIVERED));
    assertThat(decided).contains(new Decided("m1", ref(1), SmsOutcome.DELIVERED, "000", false));
  }

  @Test
  void aReceiptBeforeTheSubmitIsAppliedByIt() {
    assertThat(store.receipt(receipt("m1", ReceiptState.UNDELIVERABLE))).isEmpty();
    assertThat(expect(ref(1), "m1"))
        .contains(new Decided("m1", ref(1), SmsOutcome.UNDELIVERABLE, "001", false));
    assertThat(expect(ref(1), "m1")).as("expecting again").isEmpty();
    assertThat(store.receipt(receipt("m1", ReceiptState.UNDELIVERABLE))).isEmpty();
  }

  @Test
  void aSecondReceiptChangesNothing() {
    expect(ref(1), "m1");
    assertThat(store.receipt(receipt("m1", ReceiptState.DELIVERED))).isPresent();
    assertThat(store.receipt(receipt("m1", ReceiptState.DELIVERED))).isEmpty();
    assertThat(store.receipt(receipt("m1", ReceiptState.UNDELIVERABLE))).isEmpty();
  }

  @Test
  void twoReceiptsBeforeTheSubmitKeepTheFirst() {
    store.receipt(receipt("m1", ReceiptState.EXPIRED));
    store.receipt(receipt("m1", ReceiptState.DELIVERED));
    assertThat(expect(ref(1), "m1").map(Decided::outcome)).contains(SmsOutcome.EXPIRED);
  }

  @Test
  void interimStatesDecideNothing() {
    expect(ref(1), "m1");
    assertThat(store.receipt(receipt("m1", ReceiptState.ENROUTE))).isEmpty();
    assertThat(store.receipt(receipt("m1", ReceiptState.ACCEPTED))).isEmpty();
    store.receipt(receipt("m2", ReceiptState.ENROUTE));
    assertThat(expect(ref(2), "m2")).as("an interim receipt is not kept as an orphan").isEmpty();
    assertThat(store.receipt(receipt("m1", ReceiptState.DELIVERED))).isPresent();
  }

  @Test
  void aMessageOfPartsIsDeliveredOnlyWhenEveryPartIs() {
    expect(ref(1), "a", "b", "c");
    assertThat(store.receipt(receipt("b", ReceiptState.DELIVERED))).isEmpty();
    assertThat(store.receipt(receipt("a", ReceiptState.DELIVERED))).isEmpty();
    assertThat(store.receipt(receipt("c", ReceiptState.DELIVERED)).map(Decided::outcome))
        .contains(SmsOutcome.DELIVERED);
  }

  @Test
  void mixedPartsTakeTheWorstWhateverTheOrder() {
    List<ReceiptState> states =
        List.of(ReceiptState.EXPIRED, ReceiptState.REJECTED, ReceiptState.UNDELIVERABLE);
    List<List<Integer>> orders =
        List.of(
            List.of(0, 1, 2),
            List.of(0, 2, 1),
            List.of(1, 0, 2),
            List.of(1, 2, 0),
            List.of(2, 0, 1),
            List.of(2, 1, 0));
    long number = 1;
    for (List<Integer> order : orders) {
      String[] ids = {"x" + number + "-0", "x" + number + "-1", "x" + number + "-2"};
      // the first receipt of each order arrives before the submit is recorded
      store.receipt(receipt(ids[order.getFirst()], states.get(order.getFirst())));
      List<Decided> decided = new ArrayList<>();
      expect(ref(number), ids).ifPresent(decided::add);
      for (int i : order.subList(1, 3)) {
        store.receipt(receipt(ids[i], states.get(i))).ifPresent(decided::add);
      }
      assertThat(decided).as("order " + order).hasSize(1);
      assertThat(decided.getFirst().outcome()).isEqualTo(SmsOutcome.REJECTED);
      number++;
    }
    expect(ref(9), "y1", "y2");
    store.receipt(receipt("y2", ReceiptState.UNDELIVERABLE));
    assertThat(store.receipt(receipt("y1", ReceiptState.EXPIRED)).map(Decided::outcome))
        .contains(SmsOutcome.UNDELIVERABLE);
    expect(ref(8), "z1", "z2");
    store.receipt(receipt("z1", ReceiptState.DELIVERED));
    assertThat(store.receipt(receipt("z2", ReceiptState.UNKNOWN)).map(Decided::outcome))
        .contains(SmsOutcome.UNKNOWN);
  }

  @Test
  void noReceiptBeforeTheDeadlineIsUnknownOnce() {
    expect(ref(1), "m1");
    expect(ref(2), "m2");
    store.settled(store.receipt(receipt("m2", ReceiptState.DELIVERED)).orElseThrow());
    clock.advance(TIMEOUT.minusSeconds(1));
    assertThat(store.dueForTimeout(clock.instant(), 100)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.dueForTimeout(clock.instant(), 100))
        .containsExactly(new Decided("m1", ref(1), SmsOutcome.UNKNOWN, "", true));
    assertThat(store.dueForTimeout(clock.instant(), 100)).as("taken once").isEmpty();
    assertThat(store.receipt(receipt("m1", ReceiptState.DELIVERED))).as("late").isEmpty();
  }

  @Test
  void aDecisionNotSettledComesBackAfterAWhile() {
    expect(ref(1), "m1");
    Decided decided = store.receipt(receipt("m1", ReceiptState.DELIVERED)).orElseThrow();
    clock.advance(Duration.ofMinutes(11));
    assertThat(store.dueForTimeout(clock.instant(), 10)).containsExactly(decided);
    store.settled(decided);
    clock.advance(TIMEOUT);
    assertThat(store.dueForTimeout(clock.instant(), 10)).isEmpty();
  }

  @Test
  void aSettledDecisionNeverComesBack() {
    expect(ref(1), "m1");
    store.settled(store.receipt(receipt("m1", ReceiptState.DELIVERED)).orElseThrow());
    clock.advance(TIMEOUT.plusHours(1));
    assertThat(store.dueForTimeout(clock.instant(), 10)).isEmpty();
  }

  @Test
  void theDeadlineDecidesWithTheFailuresKnown() {
    expect(ref(1), "a", "b");
    assertThat(store.receipt(receipt("a", ReceiptState.EXPIRED))).isEmpty();
    clock.advance(TIMEOUT);
    assertThat(store.dueForTimeout(clock.instant(), 10))
        .containsExactly(new Decided("a", ref(1), SmsOutcome.EXPIRED, "001", true));
  }

  @Test
  void everyNodeSweepingTakesEachMessageOnce() throws Exception {
    for (int i = 1; i <= 40; i++) {
      expect(ref(i), "m" + i);
    }
    clock.advance(TIMEOUT);
    RedisSmsReceiptStore other = new RedisSmsReceiptStore(redis, HeraldNode.objectMapper(), clock);
    List<Decided> all = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> nodes = new ArrayList<>();
    for (RedisSmsReceiptStore node : List.of(store, other, store, other)) {
      nodes.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    List<Decided> got;
                    while (!(got = node.dueForTimeout(clock.instant(), 7)).isEmpty()) {
                      all.addAll(got);
                    }
                  }));
    }
    for (Thread t : nodes) {
      t.join();
    }
    assertThat(all).hasSize(40);
    assertThat(all.stream().map(Decided::message).distinct()).hasSize(40);
  }

  @Test
  void manySendersAndReceiptsAtOnceDecideEachMessageOnce() throws Exception {
    // Many threads at once: their steps go to Redis in shared batches, each answered its own.
    List<Decided> all = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      long n = i;
      String a = "c" + n + "-1";
      String b = "c" + n + "-2";
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    // every third message has its second part's receipt before the submit
                    if (n % 3 == 0) {
                      store.receipt(receipt(b, ReceiptState.DELIVERED)).ifPresent(all::add);
                    }
                    expect(ref(n), a, b).ifPresent(all::add);
                    store.receipt(receipt(a, ReceiptState.DELIVERED)).ifPresent(all::add);
                    store.receipt(receipt(b, ReceiptState.DELIVERED)).ifPresent(all::add);
                    store.receipt(receipt(a, ReceiptState.DELIVERED)).ifPresent(all::add);
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(all).hasSize(60);
    assertThat(all).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(SmsOutcome.DELIVERED));
    assertThat(all.stream().map(Decided::ref).distinct()).hasSize(60);
  }

  @Test
  void theLastMessageToAPhoneFromASender() {
    assertThat(store.lastMessage("+380500000001", "Shop")).isEmpty();
    expect(ref(1), "m1");
    SmsRef later =
        new SmsRef(
            ACCOUNT,
            SmsRef.Origin.MESSAGE,
            "00000000000000d1",
            0,
            Phase.ALL,
            "+380500000001",
            "Shop",
            "p:+380500000001");
    expect(later, "m2");
    assertThat(store.lastMessage("+380500000001", "SHOP")).contains(later);
    assertThat(store.lastMessage("380500000001", "shop")).contains(later);
    assertThat(store.lastMessage("+380500000001", "Other")).isEmpty();
  }

  @Test
  void undeliverableCountsUntilADelivery() {
    assertThat(store.countUndeliverable(ACCOUNT, "+380500000001")).isEqualTo(1);
    assertThat(store.countUndeliverable(ACCOUNT, "+380500000001")).isEqualTo(2);
    store.clearUndeliverable(ACCOUNT, "+380500000001");
    assertThat(store.countUndeliverable(ACCOUNT, "+380500000001")).isEqualTo(1);
  }

  @Test
  void repliesAreLoggedNewestFirstAndBounded() {
    for (int i = 0; i < RedisSmsReceiptStore.REPLIES_KEPT + 300; i++) {
      store.logReply(
          new Reply(
              ref(1),
              new MobileReply("+380500000001", "Shop", "hi " + i, T0.plusSeconds(i)),
              false));
    }
    List<Reply> replies = store.replies(ACCOUNT, 2);
    assertThat(replies).extracting(r -> r.reply().text()).containsExactly("hi 1299", "hi 1298");
    assertThat(replies.getFirst().answered()).isEqualTo(ref(1));
    assertThat(redis.sync().xlen(SmsKeys.replies(ACCOUNT)))
        .isLessThan(RedisSmsReceiptStore.REPLIES_KEPT + 300);
  }

  @Test
  void everyKeyExpiresAndMessagesSpreadOverSlots() {
    store.receipt(receipt("orphan", ReceiptState.DELIVERED));
    for (int i = 1; i <= 20; i++) {
      expect(ref(i), "m" + i, "n" + i);
    }
    store.receipt(receipt("m1", ReceiptState.DELIVERED));
    store.countUndeliverable(ACCOUNT, "+380500000001");
    store.logReply(new Reply(ref(1), new MobileReply("+380500000001", "Shop", "hi", T0), false));
    Set<Integer> slots = new HashSet<>();
    for (String key : redis.sync().scan(ScanArgs.Builder.limit(10_000)).getKeys()) {
      assertThat(redis.sync().pttl(key)).as(key).isPositive();
      if (key.contains(":sms:msg:")) {
        slots.add(SlotHash.getSlot(key));
      }
    }
    assertThat(slots).hasSizeGreaterThan(5);
  }
}
