package io.herald.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.SubmitOutcome;
import io.herald.message.MessageId;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.RecordingGateway;
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
 * A transactional SMS's webhooks at a real receiver: {@code failed} for a copy the SMSC refused,
 * once; a receipt is reported by the SMS feedback that applies it, not by the message store.
 */
class SmsWebhookTest {
  static final String ANN = "+380501234567";
  static final String BOB = "+380671234567";

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  final ObjectMapper json = HeraldNode.objectMapper();
  final RecordingGateway gateway = new RecordingGateway();
  TestNode node;
  Receiver receiver;
  String key;
  AccountId account;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(TestNode.config(data), clock, TestNode.sms(gateway));
    key = node.createAccount("Shop Co");
    account = node.node().accounts().authenticate(key).orElseThrow().id();
    receiver = new Receiver(clock);
    HttpResponse<String> created =
        node.post(
            "/api/webhooks",
            key,
            "application/json",
            json.writeValueAsBytes(Map.of("url", receiver.url())));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    receiver.secret(node.json(created).get("secret").asText());
  }

  @AfterEach
  void stop() {
    node.close();
    receiver.close();
  }

  @Test
  void aRefusedSmsReachesTheReceiverAsFailedOnce() throws Exception {
    gateway.script(BOB, new SubmitOutcome.Refused(0x0B, "invalid destination"));
    HttpResponse<String> sent =
        node.post(
            "/api/messages",
            key,
            "application/json",
            json.writeValueAsBytes(
                Map.of("channel", "sms", "to", List.of(ANN, BOB), "from", "ShopUA", "text", "Hi")));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    MessageId id = new MessageId(node.json(sent).get("id").asText());
    Await.until(
        () -> node.node().messages().status(account, id).orElseThrow().overall(), "mixed"::equals);
    Await.until(() -> node.node().transactionalBacklog(), n -> n == 0);

    Instant at = clock.instant();
    var messages = node.node().messages();
    assertThat(
            messages.recordReceipt(
                account, id, 0, new DeliveryReceipt("smsc-1", ReceiptState.DELIVERED, "", at)))
        .isTrue();

    Receiver.Received refused =
        Await.until(() -> receiver.received("failed"), r -> !r.isEmpty()).getFirst();
    assertThat(refused.verified()).isTrue();
    JsonNode event = refused.json();
    assertThat(event.get("recipient").asText()).isEqualTo(BOB);
    assertThat(event.get("message").get("id").asText()).isEqualTo(id.value());
    assertThat(event.get("data").get("outcome").asText()).isEqualTo("failed");
    assertThat(event.get("data").get("reason").asText()).contains("invalid destination");
    Await.until(() -> node.node().webhooks().backlog(), n -> n == 0);
    assertThat(receiver.received()).hasSize(1);
  }
}
