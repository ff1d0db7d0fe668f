package io.herald.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.ImportRequest;
import io.herald.campaign.Campaign;
import io.herald.campaign.Campaigns;
import io.herald.config.HeraldConfig;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end on a real node: messages delivered through the real queue to GreenMail,
 * events posted over real HTTP to a receiver on loopback that verifies every signature with the
 * secret it got at registration (private targets are allowed here, as in the demo). Retries run on
 * a manual clock.
 */
class WebhookDeliveryTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  @TempDir Path files;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  final ObjectMapper json = HeraldNode.objectMapper();
  final List<Receiver> receivers = new ArrayList<>();
  TestNode node;
  String key;
  AccountId account;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            clock);
    key = node.createAccount("Shop Co");
    node.attestDomain(key, "shop.example");
    account = node.node().accounts().authenticate(key).orElseThrow().id();
  }

  @AfterEach
  void stop() {
    node.close();
    receivers.forEach(Receiver::close);
  }

  /** A receiver registered for {@code events} (null: all); it knows its secret. */
  Receiver registered(String... events) throws Exception {
    Receiver receiver = new Receiver(clock);
    receivers.add(receiver);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", receiver.url());
    if (events.length > 0) {
      body.put("events", List.of(events));
    }
    HttpResponse<String> created = post("/api/webhooks", json.writeValueAsString(body));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode endpoint = node.json(created);
    assertThat(endpoint.get("secret").asText()).startsWith("whsec_");
    receiver.secret(endpoint.get("secret").asText());
    receiverIds.put(receiver, endpoint.get("id").asText());
    return receiver;
  }

  final Map<Receiver, String> receiverIds = new LinkedHashMap<>();

  HttpResponse<String> post(String path, String body) throws Exception {
    return node.post(path, key, "application/json", body.getBytes(UTF_8));
  }

  String sendMessage(String to) throws Exception {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("to", to);
    message.put("from", "orders@shop.example");
    message.put("subject", "Order shipped");
    message.put("html", "<p>Your order shipped.</p>");
    HttpResponse<String> sent = post("/api/messages", json.writeValueAsString(message));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    return node.json(sent).get("id").asText();
  }

  JsonNode deliveries(Receiver receiver) throws Exception {
    return node.json(node.get("/api/webhooks/" + receiverIds.get(receiver) + "/deliveries", key));
  }

  @Test
  void aTransactionalMessageDeliveredReachesTheReceiverSignedWithItsMessageId() throws Exception {
    Receiver receiver = registered();

    String id = sendMessage("ann@example.org");

    Receiver.Received got =
        Await.until(() -> receiver.received("delivered"), r -> !r.isEmpty()).getFirst();
    assertThat(got.verified()).isTrue();
    JsonNode event = got.json();
    assertThat(event.get("id").asText()).startsWith("evt_").isEqualTo(got.eventId());
    assertThat(event.get("account").asText()).isEqualTo(account.value());
    assertThat(event.get("message").get("id").asText()).isEqualTo(id);
    assertThat(event.get("message").get("campaign").isNull()).isTrue();
    assertThat(event.get("recipient").asText()).isEqualTo("ann@example.org");
    assertThat(event.get("data").get("reply").asText()).startsWith("250");
    assertThat(Instant.parse(event.get("at").asText())).isEqualTo(clock.instant());
    JsonNode log = Await.until(() -> deliveries(receiver), d -> d.get("deliveries").size() == 1);
    JsonNode attempt = log.get("deliveries").get(0);
    assertThat(attempt.get("eventId").asText()).isEqualTo(got.eventId());
    assertThat(attempt.get("outcome").asText()).isEqualTo("delivered");
    assertThat(attempt.get("status").asInt()).isEqualTo(200);
    assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
    assertThat(log.get("next").isNull()).isTrue();
  }

  @Test
  void aReceiverAnswering500GetsTheEventAgainAfterTheBackoffAndOnlyOnceSuccessfully()
      throws Exception {
    Receiver receiver = registered("delivered");
    receiver.answer(500);

    sendMessage("ann@example.org");
    JsonNode first =
        Await.until(() -> deliveries(receiver), d -> d.get("deliveries").size() == 1)
            .get("deliveries")
            .get(0);
    assertThat(first.get("outcome").asText()).isEqualTo("retrying");
    assertThat(first.get("status").asInt()).isEqualTo(500);
    assertThat(first.get("error").asText()).contains("500");
    assertThat(receiver.received()).hasSize(1);

    clock.advance(Duration.ofSeconds(13)); // the first wait: 10 s plus at most 20 % jitter
    JsonNode log = Await.until(() -> deliveries(receiver), d -> d.get("deliveries").size() == 2);

    JsonNode second = log.get("deliveries").get(0); // newest first
    assertThat(second.get("outcome").asText()).isEqualTo("delivered");
    assertThat(second.get("attempt").asInt()).isEqualTo(2);
    assertThat(second.get("eventId").asText()).isEqualTo(first.get("eventId").asText());
    Await.until(() -> node.node().webhooks().backlog(), n -> n == 0);
    List<Receiver.Received> got = receiver.received();
    assertThat(got).hasSize(2).allMatch(Receiver.Received::verified);
    assertThat(got.stream().map(Receiver.Received::body).distinct()).hasSize(1);
    assertThat(got.stream().filter(r -> r.answered() == 200)).hasSize(1);
    String metrics = node.send(HttpRequest.newBuilder(node.metricsUrl("/metrics")).build()).body();
    assertThat(metrics)
        .contains("herald_webhook_sent_total 1.0")
        .contains("herald_webhook_retried_total 1.0")
        .contains("herald_webhook_failed_total 0.0")
        .contains("herald_webhook_events_dropped_total 0.0");
  }

  @Test
  void eventsOfTypesAnEndpointDidNotSubscribeToAreNotSentToIt() throws Exception {
    Receiver bounces = registered("bounced", "complained");
    Receiver deliveries = registered("delivered");

    sendMessage("ann@example.org");
    Await.until(() -> deliveries.received("delivered"), r -> r.size() == 1);
    Await.until(() -> node.node().webhooks().backlog(), n -> n == 0);

    assertThat(bounces.received()).isEmpty();
    assertThat(deliveries(bounces).get("deliveries")).isEmpty();
  }

  @Test
  void aPingGoesToThatEndpointOnly() throws Exception {
    Receiver pinged = registered("bounced");
    Receiver other = registered();

    HttpResponse<String> ping = post("/api/webhooks/" + receiverIds.get(pinged) + "/ping", "");
    assertThat(ping.statusCode()).isEqualTo(202);
    String eventId = node.json(ping).get("eventId").asText();

    Receiver.Received got = Await.until(pinged::received, r -> !r.isEmpty()).getFirst();
    assertThat(got.verified()).isTrue();
    assertThat(got.eventId()).isEqualTo(eventId);
    assertThat(got.type()).isEqualTo("ping");
    Await.until(() -> node.node().webhooks().backlog(), n -> n == 0);
    assertThat(other.received()).isEmpty();
  }

  @Test
  void aCampaignReportsItsDeliveriesAndALateHardBounce() throws Exception {
    Receiver receiver = registered("delivered", "bounced");
    Campaign campaign = startedCampaign(3);

    List<Receiver.Received> delivered =
        Await.until(() -> receiver.received("delivered"), r -> r.size() == 3);
    assertThat(delivered).allMatch(Receiver.Received::verified);
    assertThat(delivered)
        .allSatisfy(
            r -> {
              assertThat(r.json().get("message").get("campaign").asText())
                  .isEqualTo(campaign.id().value());
              assertThat(r.json().get("message").get("id").isNull()).isTrue();
            });
    assertThat(delivered.stream().map(r -> r.json().get("recipient").asText()))
        .containsExactlyInAnyOrder("r1@example.com", "r2@example.com", "r3@example.com");

    MimeMessage first = mail.getReceivedMessages()[0];
    String address = ((InternetAddress) first.getAllRecipients()[0]).getAddress();
    Map<String, String> values = valuesOf(first);
    HttpResponse<String> handed = handIn(dsn(values), values.get("BOUNCE_TO"));
    assertThat(handed.statusCode()).as(handed.body()).isEqualTo(200);
    handIn(dsn(values), values.get("BOUNCE_TO")); // reported twice: one event

    Receiver.Received bounce =
        Await.until(() -> receiver.received("bounced"), r -> !r.isEmpty()).getFirst();
    assertThat(bounce.verified()).isTrue();
    JsonNode event = bounce.json();
    assertThat(event.get("recipient").asText()).isEqualTo(address);
    assertThat(event.get("message").get("campaign").asText()).isEqualTo(campaign.id().value());
    assertThat(event.get("data").get("kind").asText()).isEqualTo("hard");
    assertThat(event.get("data").get("late").asBoolean()).isTrue();
    Await.until(() -> node.node().webhooks().backlog(), n -> n == 0);
    assertThat(receiver.received("bounced")).hasSize(1);
  }

  @Test
  void opensClicksAndUnsubscribesAreReportedOnceWithWhatTheyWere() throws Exception {
    Receiver receiver = registered("opened", "clicked", "unsubscribed");
    Campaign campaign = startedCampaign(1);
    Await.until(() -> mail.getReceivedMessages().length, n -> n == 1);
    MimeMessage message = mail.getReceivedMessages()[0];
    Document html = Jsoup.parse(html(message));
    String pixel = html.select("img").last().attr("src");
    String link = html.select("a[href*=/t/]").first().attr("href");
    String unsubscribe =
        message.getHeader("List-Unsubscribe", null).replaceAll("(?s)^<([^>]+)>.*", "$1");

    clock.advance(Duration.ofMinutes(5)); // a person, not a scanner right after delivery
    for (int i = 0; i < 2; i++) { // the second time counts nothing, so reports nothing
      fetch("GET", URI.create(pixel).getPath());
      fetch("GET", URI.create(link).getPath());
    }
    node.send(
        HttpRequest.newBuilder(node.url(URI.create(unsubscribe).getPath()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
            .build());

    Await.until(receiver::received, r -> r.size() == 3);
    Await.until(() -> node.node().webhooks().backlog(), n -> n == 0);
    assertThat(receiver.received()).hasSize(3).allMatch(Receiver.Received::verified);
    JsonNode opened = receiver.received("opened").getFirst().json();
    assertThat(opened.get("recipient").asText()).isEqualTo("r1@example.com");
    assertThat(opened.get("message").get("campaign").asText()).isEqualTo(campaign.id().value());
    assertThat(opened.get("data").get("human").asBoolean()).isTrue();
    assertThat(opened.get("data").has("machineReason")).isFalse();
    JsonNode clicked = receiver.received("clicked").getFirst().json();
    assertThat(clicked.get("data").get("url").asText()).isEqualTo("https://shop.example/sale");
    JsonNode unsubscribed = receiver.received("unsubscribed").getFirst().json();
    assertThat(unsubscribed.get("data").get("source").asText()).isEqualTo("one-click");
  }

  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  void fetch(String method, String path) throws Exception {
    node.send(
        HttpRequest.newBuilder(node.url(path))
            .header("User-Agent", CHROME)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** The HTML part of a delivered message. */
  static String html(Part part) throws Exception {
    if (part.isMimeType("text/html")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = html(multipart.getBodyPart(i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  Campaign startedCampaign(int audience) throws Exception {
    List<String> lines = new ArrayList<>(List.of("email,name"));
    for (int i = 1; i <= audience; i++) {
      lines.add("r" + i + "@example.com,Reader " + i);
    }
    Path file = Files.write(files.resolve("readers.csv"), lines, UTF_8);
    node.node()
        .imports()
        .runNow(
            new ImportRequest(account, "readers", file, "readers.csv", Optional.empty(), false));
    Campaigns campaigns = node.node().campaigns();
    Campaign draft =
        campaigns.create(
            account,
            new Campaigns.Draft(
                "readers",
                Map.of(),
                "Shop Co",
                "news@shop.example",
                Optional.empty(),
                "Hello",
                "<p>Hi {{name}}, see the <a href=\"https://shop.example/sale\">sale</a></p>",
                Optional.empty()));
    return campaigns.start(account, draft.id());
  }

  static final Pattern HTTPS_LINK = Pattern.compile("<(https?://[^>]+)>");
  static final Pattern MAILTO_LINK = Pattern.compile("<mailto:([^>]+)>");
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

  /** The values the DSN sample needs, from a message Herald really delivered. */
  static Map<String, String> valuesOf(MimeMessage delivered) throws Exception {
    String returnPath = delivered.getHeader("Return-Path")[0].replaceAll("[<>\\s]", "");
    String listUnsubscribe = delivered.getHeader("List-Unsubscribe", " ");
    Matcher https = HTTPS_LINK.matcher(listUnsubscribe);
    Matcher mailto = MAILTO_LINK.matcher(listUnsubscribe);
    assertThat(https.find()).isTrue();
    assertThat(mailto.find()).isTrue();
    return Map.of(
        "BOUNCE_TO",
        returnPath,
        "REPORT_SENDER",
        returnPath,
        "RETURN_PATH",
        returnPath,
        "UNSUB_URL",
        https.group(1),
        "UNSUB_MAILTO",
        mailto.group(1),
        "BODY_URL",
        https.group(1));
  }

  static byte[] dsn(Map<String, String> values) throws Exception {
    String template;
    try (InputStream in =
        WebhookDeliveryTest.class.getResourceAsStream("/feedback/postfix-user-unknown.eml")) {
      template = new String(in.readAllBytes(), UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString().getBytes(UTF_8);
  }

  HttpResponse<String> handIn(byte[] rfc822, String rcpt) throws Exception {
    return node.send(
        HttpRequest.newBuilder(
                node.url("/api/admin/inbound?rcpt=" + URLEncoder.encode(rcpt, UTF_8)))
            .header("Content-Type", "message/rfc822")
            .header("Authorization", "Bearer " + TestNode.ADMIN_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofByteArray(rfc822))
            .build());
  }
}
