package io.herald.channel.viber;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.app.HeraldNode;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.channel.viber.sim.Received;
import io.herald.channel.viber.sim.ViberSimulator;
import io.herald.config.HeraldConfig;
import io.herald.config.SmscConfig;
import io.herald.config.ViberConfig;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Viber campaign end to end on a real node: the provider is the Vonage simulator over loopback
 * (signed status callbacks to the node's {@code /viber/reports}), the fallback SMS go through the
 * SMPP simulator. Each recipient gets exactly one of the two: Viber for those it reaches, the SMS
 * for a number without Viber and one Viber could not deliver; a recipient who blocked the sender
 * gets neither and is suppressed. The counters say so per outcome.
 */
class ViberCampaignTest {
  // By the simulator's rule (the last digit): 1 delivered and seen, 7 delivered, 0 no Viber,
  // 9 undeliverable, 6 blocked.
  static final String SEEN = "+380501234501";
  static final String DELIVERED = "+380501234507";
  static final String NO_VIBER = "+380501234500";
  static final String UNDELIVERABLE = "+380501234509";
  static final String BLOCKED = "+380501234506";

  @TempDir Path data;
  SmscSimulator smsc;
  ViberSimulator viber;
  TestNode node;
  String key;

  @BeforeEach
  void start() throws Exception {
    smsc = SmscSimulator.start("herald", "secret").receipts(number -> ReceiptState.DELIVERED);
    // The provider's clock is the node's: its callbacks are signed with their time, which the node
    // checks against its own (set to noon in Kyiv, for quiet hours).
    Clock clock = io.herald.testing.Clocks.noonInKyiv();
    viber =
        new ViberSimulator(
            "vkey",
            "vsecret",
            "signing-secret",
            Optional.empty(),
            HeraldNode.objectMapper(),
            clock);
    HeraldConfig plain = TestNode.config(data);
    // Viber takes only https links on a button: recipients reach Herald over https.
    HeraldConfig base =
        plain.withTracking(
            new io.herald.config.TrackingConfig(
                URI.create("https://go.acme.example"), plain.tracking().secret()));
    HeraldConfig config =
        base.withSms(
                base.sms()
                    .withSmsc(
                        List.of(
                            SmscConfig.of(
                                "sim",
                                smsc.host(),
                                smsc.port(),
                                smsc.systemId(),
                                smsc.password()))))
            .withViber(
                new ViberConfig(
                    true,
                    viber.baseUrl(),
                    "vkey",
                    "vsecret",
                    "signing-secret",
                    URI.create("http://127.0.0.1/viber/reports"),
                    Duration.ofHours(1), // callbacks carry the reports here
                    Duration.ofDays(4),
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(5)));
    node = TestNode.start(config, clock);
    viber.callbackUrl(Optional.of(node.url("/viber/reports")));
    key = node.createAccount("Acme Shop");
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (viber != null) {
      viber.close();
    }
    if (smsc != null) {
      smsc.close();
    }
  }

  @Test
  void eachRecipientGetsViberOrTheSmsFallbackAndTheCountersSaySo() throws Exception {
    String csv =
        "phone,name\n"
            + String.join(
                "\n",
                SEEN + ",Ann",
                DELIVERED + ",Bob",
                NO_VIBER + ",Cat",
                UNDELIVERABLE + ",Dan",
                BLOCKED + ",Eve")
            + "\n";
    JsonNode imported = node.importFile(key, "customers", "customers.csv", csv.getBytes(UTF_8));
    assertThat(imported.get("status").asText()).isEqualTo("completed");
    HttpResponse<String> created =
        node.post(
            "/api/campaigns",
            key,
            "application/json",
            """
            {"channel": "viber", "list": "customers", "fromAddress": "Acme Shop",
             "text": "Hi {{name}}, -20% today.",
             "viber": {"buttonCaption": "Shop now", "buttonUrl": "https://shop.example/sale",
                       "ttlSeconds": 3600,
                       "fallback": {"text": "Hi {{name}}, -20% today at shop.example",
                                    "sender": "AcmeShop"}}}"""
                .getBytes(UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = node.json(created).get("id").asText();
    HttpResponse<String> started =
        node.post("/api/campaigns/" + id + "/start", key, "application/json", new byte[0]);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

    JsonNode stats =
        Await.until(
            () -> stats(id),
            s ->
                s.path("viber_delivered").asLong() == 2
                    && s.path("delivered").asLong() == 2
                    && s.path("viber_undelivered").asLong() == 1
                    && s.path("seen").asLong() == 1);
    assertThat(stats.path("fallen_back").asLong()).isEqualTo(2);
    assertThat(stats.path("blocked").asLong()).isEqualTo(1);
    assertThat(stats.path("viber_submitted").asLong()).isZero();
    assertThat(stats.path("fallback_pending").asLong()).isZero();
    assertThat(stats.path("submitted").asLong()).isZero();

    // Viber went to all five; the SMS only to the two Viber could not reach, from the fallback
    // sender, with the fallback text and its opt-out line.
    List<Received> toViber = viber.received();
    assertThat(toViber).extracting(Received::to).hasSize(5);
    Received ann = toViber.stream().filter(r -> r.to().endsWith("501")).findFirst().orElseThrow();
    assertThat(ann.from()).isEqualTo("Acme Shop");
    assertThat(ann.text()).startsWith("Hi Ann, -20% today.").containsPattern("/s/[0-9A-Za-z]+");
    assertThat(ann.buttonText()).isEqualTo("Shop now");
    assertThat(ann.buttonUrl()).startsWith("https://go.acme.example/l/");
    assertThat(ann.ttl()).isEqualTo(3600);
    Map<String, List<SmscSimulator.Submitted>> sms =
        smsc.submitted().stream()
            .collect(Collectors.groupingBy(SmscSimulator.Submitted::destination));
    assertThat(sms.keySet())
        .containsExactlyInAnyOrder(NO_VIBER.substring(1), UNDELIVERABLE.substring(1));
    assertThat(sms.values()).allSatisfy(parts -> assertThat(parts).hasSize(1));
    SmscSimulator.Submitted cat = sms.get(NO_VIBER.substring(1)).getFirst();
    assertThat(cat.source()).isEqualTo("AcmeShop");
    assertThat(cat.text()).startsWith("Hi Cat, -20% today at shop.example");

    // Eve blocked the sender: suppressed for the account's phone channels.
    String accountId = node.node().accounts().authenticate(key).orElseThrow().id().value();
    assertThat(
            node.node()
                .audience()
                .suppressedAmong(
                    new io.herald.account.AccountId(accountId), List.of("p:" + BLOCKED)))
        .hasSize(1);
  }

  /** The campaign's counters summed over its phases. */
  private JsonNode stats(String id) throws Exception {
    JsonNode phases = node.json(node.get("/api/campaigns/" + id, key)).get("stats");
    com.fasterxml.jackson.databind.node.ObjectNode sum =
        HeraldNode.objectMapper().createObjectNode();
    phases
        .fields()
        .forEachRemaining(
            phase ->
                phase
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        c ->
                            sum.put(
                                c.getKey(),
                                sum.path(c.getKey()).asLong() + c.getValue().asLong())));
    return sum;
  }
}
