package io.herald.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.EncodedSms;
import io.herald.channel.sms.MobileReply;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.SenderId;
import io.herald.channel.sms.SmsInbound;
import io.herald.channel.sms.SmsSubmission;
import io.herald.channel.sms.SubmitOutcome;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.config.HeraldConfig;
import io.herald.config.SmsConfig;
import io.herald.config.SmscConfig;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway against a real SMPP server (the simulator) over loopback sockets. */
class SmppGatewayTest {
  private static final SenderId HERALD = new SenderId("Herald", SenderId.Kind.ALPHANUMERIC);
  private static final String ANN = "+380501234567";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Inbox inbox = new Inbox();
  private SmscSimulator smsc;
  private SmppGateway gateway;

  /** What the gateway handed over from the SMSC. */
  static final class Inbox implements SmsInbound {
    final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
    final List<MobileReply> replies = new CopyOnWriteArrayList<>();

    @Override
    public void receipt(DeliveryReceipt receipt) {
      receipts.add(receipt);
    }

    @Override
    public void reply(MobileReply reply) {
      replies.add(reply);
    }
  }

  @BeforeEach
  void startSmsc() throws Exception {
    smsc = SmscSimulator.start("herald", "secret");
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    smsc.close();
  }

  private SmscConfig connection() {
    return SmscConfig.of("main", smsc.host(), smsc.port(), smsc.systemId(), smsc.password())
        .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  private SmppGateway start(SmscConfig... connections) throws Exception {
    return start(HeraldConfig.defaults().sms().withSmsc(List.of(connections)));
  }

  private SmppGateway start(SmsConfig config) throws Exception {
    gateway = new SmppGateway(config, inbox, registry, clock, new SplittableRandom(7));
    Await.until(gateway::status, s -> s.stream().allMatch(SmppGateway.ConnectionStatus::bound));
    return gateway;
  }

  private static SmsSubmission sms(String to, String text) {
    byte[] septets = ShortMessageText.gsm7Septets(text);
    return new SmsSubmission(
        HERALD,
        to,
        new EncodedSms(
            EncodedSms.Alphabet.GSM7, septets.length, List.of(new EncodedSms.Part(septets, false))),
        true);
  }

  /** A two-part UCS-2 SMS with concatenation headers (reference 0x2A). */
  private static SmsSubmission twoParts(String to, String first, String second) {
    List<EncodedSms.Part> parts = new ArrayList<>();
    String[] texts = {first, second};
    for (int i = 0; i < 2; i++) {
      byte[] body = texts[i].getBytes(StandardCharsets.UTF_16BE);
      byte[] sm = new byte[6 + body.length];
      byte[] udh = {0x05, 0x00, 0x03, 0x2A, 0x02, (byte) (i + 1)};
      System.arraycopy(udh, 0, sm, 0, 6);
      System.arraycopy(body, 0, sm, 6, body.length);
      parts.add(new EncodedSms.Part(sm, true));
    }
    return new SmsSubmission(
        new SenderId("+380441234567", SenderId.Kind.NUMBER),
        to,
        new EncodedSms(EncodedSms.Alphabet.UCS2, first.length() + second.length(), parts),
        true);
  }

  private int rateLimit() {
    return gateway.status().getFirst().rateLimit();
  }

  // --- sending -----------------------------------------------------------------------------

  @Test
  void binds_as_a_transceiver_and_submits_one_part_from_an_alphanumeric_sender() throws Exception {
    start(connection());

    SubmitOutcome outcome = gateway.submit(sms(ANN, "Hello {Ann}, 20€ off"));

    assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
    SmscSimulator.Submitted got = smsc.submitted().getFirst();
    assertThat(((SubmitOutcome.Accepted) outcome).messageIds()).containsExactly(got.messageId());
    assertThat(got.text()).isEqualTo("Hello {Ann}, 20€ off");
    assertThat(got.source()).isEqualTo("Herald");
    assertThat(got.sourceTon()).isEqualTo(5); // alphanumeric
    assertThat(got.sourceNpi()).isEqualTo(0);
    assertThat(got.destination()).isEqualTo("380501234567");
    assertThat(got.dataCoding()).isEqualTo(0);
    assertThat(got.udh()).isEmpty();
    assertThat(got.receiptRequested()).isTrue();
    assertThat(got.validity()).isEmpty();
    assertThat(registry.counter("herald.sms.submits", "smsc", "main", "result", "accepted").count())
        .isEqualTo(1);
  }

  @Test
  void a_long_sms_goes_part_by_part_with_its_headers_from_a_number_and_with_validity()
      throws Exception {
    SmsConfig config =
        new SmsConfig(
            true,
            List.of(connection()),
            Duration.ofHours(72),
            2,
            java.time.LocalTime.of(21, 0),
            java.time.LocalTime.of(9, 0),
            Optional.of(Duration.ofHours(48)));
    start(config);

    SubmitOutcome outcome = gateway.submit(twoParts(ANN, "Знижка 20% на все ", "до неділі 😀"));

    List<SmscSimulator.Submitted> got = smsc.submitted();
    assertThat(outcome)
        .isEqualTo(
            new SubmitOutcome.Accepted(
                got.stream().map(SmscSimulator.Submitted::messageId).toList()));
    assertThat(got).hasSize(2);
    assertThat(got)
        .extracting(SmscSimulator.Submitted::text)
        .containsExactly("Знижка 20% на все ", "до неділі 😀");
    assertThat(got.get(1).udh()).containsExactly(0x05, 0x00, 0x03, 0x2A, 0x02, 0x02);
    assertThat(got)
        .allSatisfy(
            s -> {
              assertThat(s.dataCoding()).isEqualTo(8);
              assertThat(s.source()).isEqualTo("380441234567");
              assertThat(s.sourceTon()).isEqualTo(1); // international
              assertThat(s.sourceNpi()).isEqualTo(1); // ISDN
              assertThat(s.validity()).isEqualTo("000002000000000R");
            });
  }

  @Test
  void the_window_is_never_exceeded() throws Exception {
    start(connection().withLimits(3, 1000));
    smsc.holdResponses();
    ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<SubmitOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String to = "+38050000000" + i;
      outcomes.add(senders.submit(() -> gateway.submit(sms(to, "hi"))));
    }

    Await.until(() -> smsc.inFlight(), n -> n == 3);
    assertThat(gateway.status().getFirst().windowInUse()).isEqualTo(3);
    smsc.releaseResponses();

    for (Future<SubmitOutcome> o : outcomes) {
      assertThat(o.get()).isInstanceOf(SubmitOutcome.Accepted.class);
    }
    senders.close();
    assertThat(smsc.submitted()).hasSize(10);
    assertThat(smsc.maxInFlight()).isEqualTo(3);
    assertThat(gateway.status().getFirst().windowInUse()).isZero();
  }

  @Test
  void throttling_answers_halve_the_connection_rate_and_it_recovers_slowly() throws Exception {
    start(connection().withLimits(10, 40));
    assertThat(rateLimit()).isEqualTo(40);

    smsc.throttleNext(2);
    SubmitOutcome first = gateway.submit(sms(ANN, "one"));
    SubmitOutcome second = gateway.submit(sms(ANN, "two"));

    assertThat(first)
        .isInstanceOfSatisfying(
            SubmitOutcome.Deferred.class,
            d -> {
              assertThat(d.throttled()).isTrue();
              assertThat(d.reason()).contains("ESME_RTHROTTLED");
            });
    assertThat(second).isInstanceOf(SubmitOutcome.Deferred.class);
    assertThat(rateLimit()).isEqualTo(20); // a burst of throttles halves once

    clock.advance(Duration.ofSeconds(31));
    smsc.queueFullNext(1);
    assertThat(gateway.submit(sms(ANN, "three")))
        .isInstanceOfSatisfying(
            SubmitOutcome.Deferred.class, d -> assertThat(d.throttled()).isTrue());
    assertThat(rateLimit()).isEqualTo(10);

    assertThat(gateway.submit(sms(ANN, "four"))).isInstanceOf(SubmitOutcome.Accepted.class);
    assertThat(rateLimit()).isEqualTo(10); // not settled yet
    clock.advance(Duration.ofSeconds(31));
    assertThat(gateway.submit(sms(ANN, "five"))).isInstanceOf(SubmitOutcome.Accepted.class);
    assertThat(rateLimit()).isEqualTo(14); // a tenth of the ceiling back per step
    assertThat(
            registry.counter("herald.sms.submits", "smsc", "main", "result", "throttled").count())
        .isEqualTo(3);
  }

  @Test
  void a_permanent_error_refuses_the_sms_with_its_status() throws Exception {
    start(connection());
    smsc.refuse("380000000000", 0x0B);

    assertThat(gateway.submit(sms("+380000000000", "hi")))
        .isEqualTo(new SubmitOutcome.Refused(0x0B, "SMSC answered ESME_RINVDSTADR (0x0000000b)"));
  }

  @Test
  void a_dropped_connection_is_bound_again_and_sending_resumes() throws Exception {
    start(connection());
    assertThat(gateway.submit(sms(ANN, "before"))).isInstanceOf(SubmitOutcome.Accepted.class);

    smsc.dropConnections();

    Await.until(() -> smsc.binds(), n -> n == 2);
    Await.until(gateway::status, s -> s.getFirst().bound());
    assertThat(gateway.submit(sms(ANN, "after"))).isInstanceOf(SubmitOutcome.Accepted.class);
    assertThat(gateway.status().getFirst().lastError()).isEqualTo("connection lost");
    assertThat(registry.counter("herald.sms.reconnects", "smsc", "main", "result", "bound").count())
        .isEqualTo(2);
  }

  @Test
  void a_wrong_password_never_binds_and_says_why() throws Exception {
    SmscConfig wrong =
        SmscConfig.of("main", smsc.host(), smsc.port(), smsc.systemId(), "nope")
            .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
    gateway =
        new SmppGateway(
            HeraldConfig.defaults().sms().withSmsc(List.of(wrong)),
            inbox,
            registry,
            clock,
            new SplittableRandom(7));

    Await.until(() -> smsc.refusedBinds(), n -> n >= 2); // it keeps trying, backing off
    SmppGateway.ConnectionStatus status = gateway.status().getFirst();
    assertThat(status.bound()).isFalse();
    assertThat(status.lastError())
        .isEqualTo(
            "bind failed: the SMSC refused it with ESME_RINVPASWD (0x0000000e); check the"
                + " connection's systemId and password");
    assertThat(status.lastError()).doesNotContain("nope");
    assertThat(gateway.submit(sms(ANN, "hi")))
        .isInstanceOfSatisfying(
            SubmitOutcome.Deferred.class,
            d -> {
              assertThat(d.throttled()).isFalse();
              assertThat(d.reason()).isEqualTo("no SMSC connection is bound");
            });
    assertThat(smsc.binds()).isZero();
  }

  @Test
  void with_two_connections_the_least_loaded_bound_one_takes_the_sms() throws Exception {
    SmscConfig second =
        SmscConfig.of("backup", smsc.host(), smsc.port(), smsc.systemId(), smsc.password());
    start(connection().withLimits(1, 1000), second.withLimits(1, 1000));
    smsc.holdResponses();
    ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    Future<SubmitOutcome> a = senders.submit(() -> gateway.submit(sms(ANN, "a")));
    Await.until(() -> smsc.inFlight(), n -> n == 1);
    Future<SubmitOutcome> b = senders.submit(() -> gateway.submit(sms(ANN, "b")));

    Await.until(() -> smsc.inFlight(), n -> n == 2); // both windows are full: one SMS on each
    assertThat(gateway.status())
        .extracting(SmppGateway.ConnectionStatus::windowInUse)
        .containsExactly(1, 1);
    smsc.releaseResponses();
    assertThat(a.get()).isInstanceOf(SubmitOutcome.Accepted.class);
    assertThat(b.get()).isInstanceOf(SubmitOutcome.Accepted.class);
    senders.close();
  }

  // --- what comes back ---------------------------------------------------------------------

  @Test
  void receipts_with_tlvs_reach_the_inbound_with_the_outcome_per_number() throws Exception {
    start(connection());
    smsc.receiptForm(SmscSimulator.ReceiptForm.TLV_ONLY)
        .receipts(n -> n.endsWith("9") ? ReceiptState.UNDELIVERABLE : ReceiptState.DELIVERED);

    String good = ids(gateway.submit(sms(ANN, "hi"))).getFirst();
    String bad = ids(gateway.submit(sms("+380509999999", "hi"))).getFirst();

    Await.until(() -> inbox.receipts, r -> r.size() == 2);
    assertThat(inbox.receipts)
        .extracting(DeliveryReceipt::messageId, DeliveryReceipt::state, DeliveryReceipt::error)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(good, ReceiptState.DELIVERED, ""),
            org.assertj.core.groups.Tuple.tuple(bad, ReceiptState.UNDELIVERABLE, ""));
    assertThat(inbox.receipts).allSatisfy(r -> assertThat(r.at()).isEqualTo(clock.instant()));
  }

  @Test
  void receipts_in_the_text_form_alone_are_read_too() throws Exception {
    start(connection());
    smsc.receiptForm(SmscSimulator.ReceiptForm.TEXT_ONLY).receipts(n -> ReceiptState.EXPIRED);

    String id = ids(gateway.submit(sms(ANN, "hi"))).getFirst();

    Await.until(() -> inbox.receipts, r -> r.size() == 1);
    assertThat(inbox.receipts.getFirst())
        .isEqualTo(new DeliveryReceipt(id, ReceiptState.EXPIRED, "001", clock.instant()));
  }

  @Test
  void a_receipt_before_the_submit_response_is_handed_over_and_twice_means_twice()
      throws Exception {
    start(connection());
    smsc.receiptBeforeResponse(true).receiptTwice(true);

    String id = ids(gateway.submit(sms(ANN, "hi"))).getFirst();

    // Already there when submit returns: the SMSC sent both before its submit_sm_resp.
    assertThat(inbox.receipts).extracting(DeliveryReceipt::messageId).containsExactly(id, id);
  }

  @Test
  void replies_from_phones_reach_the_inbound_decoded() throws Exception {
    start(connection());

    smsc.sendMo(ANN, "Herald", "STOP");
    smsc.sendMo("+380671112233", "Herald", " СТОП! ");

    Await.until(() -> inbox.replies, r -> r.size() == 2);
    assertThat(inbox.replies)
        .containsExactly(
            new MobileReply(ANN, "Herald", "STOP", clock.instant()),
            new MobileReply("+380671112233", "Herald", " СТОП! ", clock.instant()));
    assertThat(registry.counter("herald.sms.replies", "smsc", "main").count()).isEqualTo(2);
  }

  private static List<String> ids(SubmitOutcome outcome) {
    assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
    return ((SubmitOutcome.Accepted) outcome).messageIds();
  }
}
