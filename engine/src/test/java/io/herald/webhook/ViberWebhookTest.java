package io.herald.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.CampaignId;
import io.herald.channel.viber.ViberEvents;
import io.herald.channel.viber.ViberReport;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Viber campaign's webhooks at a real receiver: an endpoint subscribes to {@code
 * viber.delivered}, {@code viber.seen}, {@code viber.failed} and {@code fallback.sent} by their
 * dotted names, the subscription and the delivery log read back through Redis, and each event
 * {@link ViberEvents} builds arrives signed with its data; a type the endpoint did not name does
 * not.
 */
class ViberWebhookTest {
  static final String ANN = "+380671234567";
  static final CampaignId CAMPAIGN = new CampaignId("00000000000000c9");
  static final List<String> VIBER_TYPES =
      List.of("viber.delivered", "viber.seen", "viber.failed", "fallback.sent");

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  final ObjectMapper json = HeraldNode.objectMapper();
  TestNode node;
  Receiver receiver;
  String key;
  AccountId account;
  String endpointId;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(TestNode.config(data), clock);
    key = node.createAccount("Shop Co");
    account = node.node().accounts().authenticate(key).orElseThrow().id();
    receiver = new Receiver(clock);
    HttpResponse<String> created = register(Map.of("url", receiver.url(), "events", VIBER_TYPES));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode endpoint = node.json(created);
    endpointId = endpoint.get("id").asText();
    receiver.secret(endpoint.get("secret").asText());
  }

  @AfterEach
  void stop() {
    node.close();
    receiver.close();
  }

  HttpResponse<String> register(Map<String, Object> body) throws Exception {
    return node.post("/api/webhooks", key, "application/json", json.writeValueAsBytes(body));
  }

  @Test
  void anEndpointSubscribesToTheViberEventsByTheirDottedNames() throws Exception {
    JsonNode read = node.json(node.get("/api/webhooks/" + endpointId, key));
    assertThat(read.get("events").toString())
        .isEqualTo("[\"viber.delivered\",\"viber.seen\",\"viber.failed\",\"fallback.sent\"]");

    HttpResponse<String> refused =
        register(Map.of("url", receiver.url(), "events", List.of("viber_seen")));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(node.json(refused).get("detail").asText())
        .contains("unknown event type \"viber_seen\"")
        .contains("viber.delivered, viber.seen, viber.failed, fallback.sent");
  }

  @Test
  void eachViberEventReachesTheReceiverSignedWithItsData() throws Exception {
    ViberEvents events = new ViberEvents(node.node().webhooks().events(), clock);
    events.delivered(account, CAMPAIGN, ANN);
    events.seen(account, CAMPAIGN, ANN);
    events.failed(account, CAMPAIGN, ANN, ViberReport.State.EXPIRED, "ttl ran out", true);
    events.fallbackSent(account, CAMPAIGN, ANN, "SHOP");
    // Not subscribed to: never posted.
    node.node()
        .webhooks()
        .events()
        .emit(
            WebhookEvent.ofCampaign(
                EventType.DELIVERED,
                clock.instant(),
                account,
                CAMPAIGN.value(),
                ANN,
                Map.of("reply", "250 ok")));

    List<Receiver.Received> received =
        Await.until(receiver::received, r -> r.size() >= VIBER_TYPES.size());
    Await.until(() -> node.node().webhooks().backlog(), n -> n == 0);
    assertThat(receiver.received())
        .extracting(Receiver.Received::type)
        .containsExactlyInAnyOrderElementsOf(VIBER_TYPES);
    assertThat(received).allSatisfy(r -> assertThat(r.verified()).isTrue());
    for (Receiver.Received r : received) {
      JsonNode event = r.json();
      assertThat(event.get("recipient").asText()).as(r.type()).isEqualTo(ANN);
      assertThat(event.get("message").get("campaign").asText()).isEqualTo(CAMPAIGN.value());
      assertThat(event.get("message").get("id").isNull()).isTrue();
      assertThat(event.get("data").get("channel").asText()).isEqualTo("viber");
    }
    JsonNode failed = receiver.received("viber.failed").getFirst().json().get("data");
    assertThat(failed.get("reason").asText()).isEqualTo("expired");
    assertThat(failed.get("detail").asText()).isEqualTo("ttl ran out");
    assertThat(failed.get("fallback").asBoolean()).isTrue();
    JsonNode fallback = receiver.received("fallback.sent").getFirst().json().get("data");
    assertThat(fallback.get("fallback").asText()).isEqualTo("sms");
    assertThat(fallback.get("sender").asText()).isEqualTo("SHOP");

    // The delivery log reads the dotted types back from Redis.
    JsonNode log =
        Await.until(
            () -> node.json(node.get("/api/webhooks/" + endpointId + "/deliveries", key)),
            d -> d.get("deliveries").size() == VIBER_TYPES.size());
    assertThat(log.get("deliveries").findValuesAsText("type"))
        .containsExactlyInAnyOrderElementsOf(VIBER_TYPES);
  }

  @Test
  void aReasonThatIsNoFailureIsAProgrammingError() {
    ViberEvents events = new ViberEvents(WebhookEvents.NONE, clock);
    assertThatThrownBy(
            () -> events.failed(account, CAMPAIGN, ANN, ViberReport.State.SEEN, "", false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
