package io.herald.channel.viber.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.app.HeraldNode;
import io.herald.channel.viber.ViberContent;
import io.herald.channel.viber.ViberReport;
import io.herald.channel.viber.ViberReport.State;
import io.herald.channel.viber.ViberSendOutcome;
import io.herald.channel.viber.ViberSubmission;
import io.herald.channel.viber.sim.Received;
import io.herald.channel.viber.sim.ViberSimulator;
import io.herald.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Vonage adapter against the simulator of the same HTTP contract, over real loopback HTTP. */
class VonageViberGatewayTest {
  private static final ObjectMapper MAPPER = HeraldNode.objectMapper();
  private static final Duration DAY = Duration.ofDays(1);
  private static final ViberContent.Button BUTTON =
      new ViberContent.Button("Open", "https://shop.example/sale");

  private ViberSimulator sim;
  private VonageViberGateway gateway;

  @BeforeEach
  void start() {
    sim = new ViberSimulator("key", "secret", "sig", Optional.empty(), MAPPER, Clock.systemUTC());
    gateway = gateway(sim.baseUrl(), "secret", Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    gateway.close();
    sim.close();
  }

  private static VonageViberGateway gateway(URI base, String apiSecret, Duration timeout) {
    return new VonageViberGateway(
        new VonageAccount(base, "key", apiSecret, timeout, Duration.ofHours(1)),
        MAPPER,
        Clock.systemUTC());
  }

  private static ViberSubmission submission(String id, String to, ViberContent content) {
    return new ViberSubmission(id, "Shop", to, content, DAY, true);
  }

  @Test
  void everyShapeGoesAsVonageDocumentsIt() {
    List<ViberContent> shapes =
        List.of(
            new ViberContent.Text("Hello"),
            new ViberContent.Image("https://cdn.example/a.png"),
            new ViberContent.TextButton("Sale today", BUTTON),
            new ViberContent.TextImageButton("Sale today", "https://cdn.example/a.jpg", BUTTON));
    for (int i = 0; i < shapes.size(); i++) {
      ViberSendOutcome outcome = gateway.send(submission("m-" + i, "+380501234561", shapes.get(i)));
      assertThat(outcome).isInstanceOf(ViberSendOutcome.Accepted.class);
      assertThat(((ViberSendOutcome.Accepted) outcome).providerMessageId()).isNotEmpty();
    }
    List<Received> got = sim.received();
    assertThat(got)
        .extracting(Received::clientRef, Received::to, Received::from, Received::category)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple("m-0", "380501234561", "Shop", "promotion"),
            org.assertj.core.groups.Tuple.tuple("m-1", "380501234561", "Shop", "promotion"),
            org.assertj.core.groups.Tuple.tuple("m-2", "380501234561", "Shop", "promotion"),
            org.assertj.core.groups.Tuple.tuple("m-3", "380501234561", "Shop", "promotion"));
    assertThat(got).extracting(Received::ttl).containsOnly(86_400L);
    assertThat(got.get(0))
        .extracting(Received::messageType, Received::text, Received::buttonUrl)
        .containsExactly("text", "Hello", "");
    assertThat(got.get(1))
        .extracting(Received::messageType, Received::imageUrl, Received::caption)
        .containsExactly("image", "https://cdn.example/a.png", "");
    assertThat(got.get(2))
        .extracting(
            Received::messageType, Received::text, Received::buttonText, Received::buttonUrl)
        .containsExactly("text", "Sale today", "Open", "https://shop.example/sale");
    assertThat(got.get(3))
        .extracting(
            Received::messageType, Received::imageUrl, Received::caption, Received::buttonText)
        .containsExactly("image", "https://cdn.example/a.jpg", "Sale today", "Open");
  }

  @Test
  void aTransactionalMessageSaysSo() {
    gateway.send(
        new ViberSubmission(
            "t-1", "Shop", "+380501234561", new ViberContent.Text("Your order"), DAY, false));
    assertThat(sim.received().getFirst().category()).isEqualTo("transaction");
  }

  @Test
  void throttledWithRetryAfterIsDeferredAsThrottled() {
    sim.throttleNext(1, 7);
    ViberSendOutcome outcome = gateway.send(submission("m", "+380501234561", text()));
    assertThat(outcome)
        .isEqualTo(
            new ViberSendOutcome.Deferred(
                ((ViberSendOutcome.Deferred) outcome).reason(),
                true,
                Optional.of(Duration.ofSeconds(7))));
    assertThat(((ViberSendOutcome.Deferred) outcome).reason()).contains("429");
    // The fault was for one send only.
    assertThat(gateway.send(submission("m", "+380501234561", text())))
        .isInstanceOf(ViberSendOutcome.Accepted.class);
  }

  @Test
  void serverErrorsAreDeferredNotThrottled() {
    sim.failNext(1, 500).failNext(1, 503);
    for (int status : new int[] {500, 503}) {
      ViberSendOutcome outcome = gateway.send(submission("m", "+380501234561", text()));
      assertThat(outcome).isInstanceOf(ViberSendOutcome.Deferred.class);
      ViberSendOutcome.Deferred deferred = (ViberSendOutcome.Deferred) outcome;
      assertThat(deferred.throttled()).isFalse();
      assertThat(deferred.reason()).contains(Integer.toString(status));
    }
    assertThat(sim.faultsAnswered()).isEqualTo(2);
    assertThat(sim.received()).isEmpty();
  }

  @Test
  void anInvalidMessageIsRefusedWithTheProvidersReason() {
    ViberSendOutcome outcome =
        gateway.send(
            new ViberSubmission(
                "m", "Shop", "+380501234561", text(), Duration.ofSeconds(10), true));
    assertThat(outcome).isInstanceOf(ViberSendOutcome.Refused.class);
    assertThat(((ViberSendOutcome.Refused) outcome).reason())
        .contains("422")
        .contains("Invalid params")
        .contains("ttl");
  }

  @Test
  void wrongCredentialsDeferRatherThanRefuseEveryRecipient() {
    try (VonageViberGateway wrong =
        gateway(sim.baseUrl(), "not-the-secret", Duration.ofSeconds(5))) {
      ViberSendOutcome outcome = wrong.send(submission("m", "+380501234561", text()));
      assertThat(outcome).isInstanceOf(ViberSendOutcome.Deferred.class);
      assertThat(((ViberSendOutcome.Deferred) outcome).reason()).contains("401");
    }
  }

  @Test
  void noAnswerWithinTheTimeoutIsDeferred() {
    sim.holdAnswers();
    try (VonageViberGateway impatient = gateway(sim.baseUrl(), "secret", Duration.ofMillis(300))) {
      ViberSendOutcome outcome = impatient.send(submission("m", "+380501234561", text()));
      assertThat(outcome).isInstanceOf(ViberSendOutcome.Deferred.class);
      assertThat(((ViberSendOutcome.Deferred) outcome).reason()).startsWith("no answer within");
    } finally {
      sim.releaseAnswers();
    }
  }

  @Test
  void noServerIsDeferred() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (VonageViberGateway lost =
        gateway(URI.create("http://127.0.0.1:" + closedPort), "secret", Duration.ofSeconds(2))) {
      ViberSendOutcome outcome = lost.send(submission("m", "+380501234561", text()));
      assertThat(outcome).isInstanceOf(ViberSendOutcome.Deferred.class);
      assertThat(((ViberSendOutcome.Deferred) outcome).reason()).startsWith("connection failed");
    }
  }

  @Test
  void pollingReturnsEveryStatusOnceAcrossPages() throws Exception {
    sim.callbacks(false).recordsPageSize(2).expiryDelay(Duration.ZERO);
    Map<String, String> numbers =
        Map.of(
            "read", "+380501234561",
            "delivered", "+380501234567",
            "undeliverable", "+380501234569",
            "not-user", "+380501234560",
            "blocked", "+380501234566",
            "expired", "+380501234568");
    numbers.forEach((id, to) -> gateway.send(submission(id, to, text())));
    Await.until(
        () -> numbers.keySet().stream().map(sim::status).toList(),
        statuses ->
            statuses.stream().noneMatch(s -> s.equals("submitted") || s.isEmpty())
                && sim.status("read").equals("read"));
    List<ViberReport> first = gateway.poll(100);
    assertThat(first.stream().collect(Collectors.toMap(ViberReport::messageId, ViberReport::state)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "read", State.SEEN,
                "delivered", State.DELIVERED,
                "undeliverable", State.UNDELIVERED,
                "not-user", State.NOT_VIBER_USER,
                "blocked", State.BLOCKED,
                "expired", State.EXPIRED));
    assertThat(first).allSatisfy(r -> assertThat(r.at()).isNotNull());
    assertThat(gateway.poll(100)).isEmpty();
  }

  @Test
  void pollingStopsAtMaxAndGivesTheRestNextTime() throws Exception {
    sim.callbacks(false).recordsPageSize(2);
    for (int i = 0; i < 5; i++) {
      gateway.send(submission("d-" + i, "+380501234567", text()));
    }
    Await.until(
        () -> sim.received().stream().map(r -> sim.status(r.clientRef())).toList(),
        s -> s.size() == 5 && s.stream().allMatch("delivered"::equals));
    List<ViberReport> all = new ArrayList<>(gateway.poll(3));
    assertThat(all).hasSize(3);
    all.addAll(gateway.poll(3));
    assertThat(all)
        .extracting(ViberReport::messageId)
        .containsExactlyInAnyOrder("d-0", "d-1", "d-2", "d-3", "d-4");
  }

  @Test
  void pollingAnUnreachableProviderGivesNothing() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (VonageViberGateway lost =
        gateway(URI.create("http://127.0.0.1:" + closedPort), "secret", Duration.ofSeconds(2))) {
      assertThat(lost.poll(10)).isEmpty();
    }
  }

  private static ViberContent text() {
    return new ViberContent.Text("Hello");
  }
}
