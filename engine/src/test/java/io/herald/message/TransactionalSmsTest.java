package io.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.Account;
import io.herald.audience.Suppression;
import io.herald.campaign.Channel;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.EncodedSms;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.SenderId;
import io.herald.channel.sms.SmsSubmission;
import io.herald.channel.sms.SubmitOutcome;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.RecordingGateway;
import io.herald.testing.TestNode;
import io.herald.testing.TestSmsEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional SMS on real parts (embedded Redis, the transactional queue and worker) with a
 * recording gateway at the SMS port: status per recipient, Idempotency-Key, suppression at send
 * time, the retry schedule, refusals, receipts and frozen accounts.
 */
class TransactionalSmsTest {
  static final String ANN = "+380501234567";
  static final String BOB = "+380671234567";

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  final RecordingGateway gateway = new RecordingGateway();
  TestNode node;
  Messages messages;
  Account account;

  /** What the SMS feedback would be told of (see {@link TransactionalSms.Submissions}). */
  record Accepted(TransactionalSms.Copy copy, List<String> ids, DeliveryState stateThen) {}

  final List<Accepted> accepted = new CopyOnWriteArrayList<>();
  volatile boolean receiptOvertakes;

  @BeforeEach
  void start() throws Exception {
    TransactionalSms sms =
        new TransactionalSms(
            gateway, new TestSmsEncoder(), TransactionalSms::senderRule, this::accepted);
    node = TestNode.start(TestNode.config(data), clock, sms);
    messages = node.node().messages();
    account = node.node().accounts().create("Shop").account();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private void accepted(TransactionalSms.Copy copy, List<String> ids) {
    DeliveryState then =
        messages
            .status(copy.account(), copy.message())
            .orElseThrow()
            .recipients()
            .get(copy.recipient())
            .state();
    accepted.add(new Accepted(copy, ids, then));
    if (receiptOvertakes) {
      messages.recordReceipt(
          copy.account(),
          copy.message(),
          copy.recipient(),
          new DeliveryReceipt(ids.getFirst(), ReceiptState.DELIVERED, "", clock.instant()));
    }
  }

  static MessageRequest.Sms sms(String text, String... to) {
    return new MessageRequest.Sms(List.of(to), "ShopUA", text);
  }

  MessageStatus awaitStatus(MessageId id, String overall) throws Exception {
    return Await.until(
        () -> messages.status(account.id(), id).orElseThrow(), s -> s.overall().equals(overall));
  }

  @Test
  void eachRecipientIsSubmittedOnceAsWrittenWithTheSmscIdsInItsStatus() throws Exception {
    MessageId id =
        messages
            .submit(account, sms("Your code is 4711", "+380 50 123 45 67", BOB), Optional.empty())
            .id();

    MessageStatus status = awaitStatus(id, "submitted");
    assertThat(status.channel()).isEqualTo(Channel.SMS);
    assertThat(status.from()).isEqualTo("ShopUA");
    assertThat(status.recipients())
        .extracting(MessageStatus.Recipient::address)
        .containsExactly(ANN, BOB);
    assertThat(status.recipients())
        .allSatisfy(
            r ->
                assertThat(r.state())
                    .isInstanceOfSatisfying(
                        DeliveryState.Submitted.class,
                        s -> {
                          assertThat(s.attempts()).isEqualTo(1);
                          assertThat(s.messageIds()).singleElement().asString().startsWith("smsc-");
                        }));
    assertThat(gateway.submitted()).hasSize(2);
    SmsSubmission toAnn = gateway.submittedTo(ANN).getFirst();
    assertThat(toAnn.from()).isEqualTo(new SenderId("ShopUA", SenderId.Kind.ALPHANUMERIC));
    assertThat(toAnn.wantReceipt()).isTrue();
    assertThat(toAnn.body().alphabet()).isEqualTo(EncodedSms.Alphabet.GSM7);
    // Sent as written: no opt-out line on a transactional SMS.
    assertThat(TestSmsEncoder.decodeGsm7(toAnn.body().parts().getFirst().shortMessage()))
        .isEqualTo("Your code is 4711");
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameMessageAndSendsNothingNew() throws Exception {
    Submitted first = messages.submit(account, sms("Code 1", ANN), Optional.of("otp-1"));
    Submitted again = messages.submit(account, sms("Code 1", ANN), Optional.of("otp-1"));
    awaitStatus(first.id(), "submitted");

    assertThat(again.replayed()).isTrue();
    assertThat(again.id()).isEqualTo(first.id());
    assertThatThrownBy(() -> messages.submit(account, sms("Code 2", ANN), Optional.of("otp-1")))
        .isInstanceOfSatisfying(
            MessageRefused.class,
            e -> assertThat(e.reason()).isEqualTo(MessageRefused.Reason.IDEMPOTENCY_MISMATCH));
    Await.until(() -> node.node().transactionalBacklog(), n -> n == 0);
    assertThat(gateway.submitted()).hasSize(1);
  }

  @Test
  void aPhoneTheAccountSuppressedGetsNothing() throws Exception {
    node.node()
        .audience()
        .suppress(account.id(), new Suppression("p:" + BOB, "STOP", clock.instant()));

    MessageId id = messages.submit(account, sms("Hello", ANN, BOB), Optional.empty()).id();

    MessageStatus status = awaitStatus(id, "mixed");
    assertThat(status.recipients())
        .extracting(r -> r.address() + "=" + r.state().name())
        .containsExactly(ANN + "=submitted", BOB + "=suppressed");
    assertThat(gateway.submittedTo(BOB)).isEmpty();
  }

  @Test
  void aDeferredCopyIsTriedAgainWhenDueAndThenSubmitted() throws Exception {
    gateway.script(
        ANN, new SubmitOutcome.Deferred("ESME_RTHROTTLED", true, Duration.ofSeconds(30)));

    MessageId id = messages.submit(account, sms("Hello", ANN), Optional.empty()).id();
    MessageStatus deferred = awaitStatus(id, "deferred");
    DeliveryState.Deferred state =
        (DeliveryState.Deferred) deferred.recipients().getFirst().state();
    assertThat(state.reason()).isEqualTo("ESME_RTHROTTLED");
    assertThat(state.nextTry()).isAfterOrEqualTo(clock.instant().plusSeconds(30));

    clock.advance(Duration.between(clock.instant(), state.nextTry()));
    MessageStatus submitted = awaitStatus(id, "submitted");
    assertThat(((DeliveryState.Submitted) submitted.recipients().getFirst().state()).attempts())
        .isEqualTo(2);
    assertThat(gateway.submittedTo(ANN)).hasSize(2);
  }

  @Test
  void aRefusedCopyFailsWithTheSmscsReason() throws Exception {
    gateway.script(ANN, new SubmitOutcome.Refused(0x0B, "ESME_RINVDSTADR: invalid destination"));

    MessageId id = messages.submit(account, sms("Hello", ANN), Optional.empty()).id();

    DeliveryState state = awaitStatus(id, "failed").recipients().getFirst().state();
    assertThat(((DeliveryState.Failed) state).reason())
        .contains("ESME_RINVDSTADR")
        .contains("0x0000000B");
    assertThat(gateway.submittedTo(ANN)).hasSize(1);
  }

  @Test
  void aReceiptMovesSubmittedToItsOutcomeOnceAndASecondChangesNothing() throws Exception {
    MessageId id = messages.submit(account, sms("Hello", ANN, BOB), Optional.empty()).id();
    awaitStatus(id, "submitted");
    Instant at = clock.instant().plusSeconds(5);

    assertThat(
            messages.recordReceipt(
                account.id(), id, 0, new DeliveryReceipt("smsc-1", ReceiptState.ENROUTE, "", at)))
        .isFalse(); // interim: still submitted
    assertThat(
            messages.recordReceipt(
                account.id(), id, 0, new DeliveryReceipt("smsc-1", ReceiptState.DELIVERED, "", at)))
        .isTrue();
    assertThat(
            messages.recordReceipt(
                account.id(),
                id,
                0,
                new DeliveryReceipt("smsc-1", ReceiptState.UNDELIVERABLE, "001", at)))
        .isFalse();
    assertThat(
            messages.recordReceipt(
                account.id(),
                id,
                1,
                new DeliveryReceipt("smsc-2", ReceiptState.UNDELIVERABLE, "001", at)))
        .isTrue();
    assertThat(
            messages.recordReceipt(
                account.id(), id, 7, new DeliveryReceipt("x", ReceiptState.DELIVERED, "", at)))
        .isFalse();

    MessageStatus status = messages.status(account.id(), id).orElseThrow();
    assertThat(status.recipients().get(0).state())
        .isInstanceOfSatisfying(
            DeliveryState.Delivered.class,
            d -> {
              assertThat(d.at()).isEqualTo(at);
              assertThat(d.attempts()).isEqualTo(1);
            });
    assertThat(status.recipients().get(1).state())
        .isEqualTo(new DeliveryState.Undelivered(at, DeliveryState.Outcome.UNDELIVERABLE, "001"));
    assertThat(status.overall()).isEqualTo("mixed");
  }

  @Test
  void anAcceptedCopyIsHandedOverWithItsSmscIdsBeforeItIsRecordedSubmitted() throws Exception {
    MessageId id = messages.submit(account, sms("Hello", ANN), Optional.empty()).id();
    DeliveryState.Submitted submitted =
        (DeliveryState.Submitted) awaitStatus(id, "submitted").recipients().getFirst().state();

    assertThat(accepted)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.copy())
                  .isEqualTo(new TransactionalSms.Copy(account.id(), id, 0, ANN, "ShopUA"));
              assertThat(a.ids()).isEqualTo(submitted.messageIds());
              assertThat(a.stateThen()).isInstanceOf(DeliveryState.Queued.class);
            });
  }

  @Test
  void aReceiptThatOvertakesTheSubmitIsKeptAndTheSubmitDoesNotOverwriteIt() throws Exception {
    receiptOvertakes = true;
    MessageId id = messages.submit(account, sms("Hello", ANN), Optional.empty()).id();

    MessageStatus status = awaitStatus(id, "delivered");
    Await.until(() -> node.node().transactionalBacklog(), n -> n == 0);
    assertThat(messages.status(account.id(), id).orElseThrow().overall()).isEqualTo("delivered");
    assertThat(((DeliveryState.Delivered) status.recipients().getFirst().state()).attempts())
        .isEqualTo(1);
  }

  @Test
  void aFrozenAccountsSmsWaitsAndGoesOutWhenItIsUnfrozen() throws Exception {
    node.node().freezes().freeze(account.id(), "review", "test");
    MessageId id = messages.submit(account, sms("Hello", ANN), Optional.empty()).id();
    assertThat(messages.status(account.id(), id).orElseThrow().overall()).isEqualTo("queued");

    clock.advance(Duration.ofMinutes(10));
    Instant unfrozenAt = clock.instant();
    node.node().freezes().unfreeze(account.id(), "test");

    MessageStatus status = awaitStatus(id, "submitted");
    // Submitted only after the unfreeze (the clock moved just before it), and once.
    assertThat(status.recipients().getFirst().state().at()).isEqualTo(unfrozenAt);
    assertThat(gateway.submittedTo(ANN)).hasSize(1);
  }

  @Test
  void aNodeWithoutSmsRefusesAnSmsAndWritesNothing() throws Exception {
    try (TestNode plain = TestNode.start(TestNode.config(data.resolve("plain")), clock)) {
      Messages noSms = plain.node().messages();
      Account shop = plain.node().accounts().create("Shop").account();
      assertThatThrownBy(() -> noSms.submit(shop, sms("Hello", ANN), Optional.empty()))
          .isInstanceOfSatisfying(
              MessageRefused.class,
              e -> {
                assertThat(e.reason()).isEqualTo(MessageRefused.Reason.CHANNEL_UNAVAILABLE);
                assertThat(e.getMessage()).isEqualTo("SMS is not configured on this server");
              });
      assertThat(noSms.list(shop.id(), Optional.empty(), 10).orElseThrow().messages()).isEmpty();
    }
  }
}
