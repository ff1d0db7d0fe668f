package io.herald.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.cli.HeraldCli;
import io.herald.config.HeraldConfig;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans and quotas (R9) through a real node: a free plan of 10 messages a month and 12 subscribers,
 * the month a calendar month in Kyiv, the clock moved by hand. A campaign's whole audience is taken
 * at start or the start is refused with the numbers and nothing is sent; two campaigns started at
 * once cannot both take the last of the quota; transactional messages past it get 429 (API) and 452
 * 4.5.3 (relay); an import past the subscriber cap is refused whole; the month renews at 00:00 Kyiv
 * time exactly; usage by API and CLI.
 */
class QuotaApiTest {
  // 23:00 on 31 December in Kyiv (UTC+2 in winter): the month ends an hour later, at 22:00 UTC.
  private static final Instant START = Instant.parse("2026-12-31T21:00:00Z");
  private static final Instant NEW_YEAR_IN_KYIV = Instant.parse("2026-12-31T22:00:00Z");

  @TempDir Path data;
  MutableClock clock = new MutableClock(START);
  TestNode node;
  String key;
  String accountId;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    HeraldConfig config =
        base.withPolicy(base.policy().withPlans(base.policy().plans().withFree(10, 12)));
    node = TestNode.start(config, clock);
    key = node.createAccount("Quota Co");
    node.attestDomain(key, "quota.example");
    accountId = node.node().accounts().authenticate(key).orElseThrow().id().value();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aCampaignIsTakenWholeAtStartOrRefusedWithTheNumbersUntilTheMonthRenewsInKyiv()
      throws Exception {
    importContacts("customers", 8);
    String first = campaign("customers");
    String second = campaign("customers");

    assertThat(post("/api/campaigns/" + first + "/start", "").statusCode()).isEqualTo(200);
    assertThat(usage().get("messagesUsed").asLong()).isEqualTo(8);

    HttpResponse<String> refused = post("/api/campaigns/" + second + "/start", "");
    assertProblem(refused, 422);
    assertThat(node.json(refused).get("detail").asText())
        .isEqualTo(
            "message quota exceeded: this campaign (8 recipients, whole) needs 8 messages but 2"
                + " of the 10 of the free plan are left this period; it renews at 2027-01-01"
                + " 00:00 +02:00 (2026-12-31T22:00:00Z)");
    // Refused before anything was dispatched: a draft again, nothing queued, nothing counted.
    JsonNode draft = node.json(node.get("/api/campaigns/" + second, key));
    assertThat(draft.get("state").asText()).isEqualTo("draft");
    assertThat(usage().get("messagesUsed").asLong()).isEqualTo(8);

    // The last millisecond of December in Kyiv is still December.
    clock.advance(Duration.between(START, NEW_YEAR_IN_KYIV).minusMillis(1));
    assertProblem(post("/api/campaigns/" + second + "/start", ""), 422);

    clock.advance(Duration.ofMillis(1));
    JsonNode renewed = usage();
    assertThat(renewed.get("periodStart").asText()).isEqualTo("2026-12-31T22:00:00Z");
    assertThat(renewed.get("periodEnd").asText()).isEqualTo("2027-01-31T22:00:00Z");
    assertThat(renewed.get("messagesUsed").asLong()).isZero();
    assertThat(post("/api/campaigns/" + second + "/start", "").statusCode()).isEqualTo(200);
    assertThat(usage().get("messagesLeft").asLong()).isEqualTo(2);
  }

  @Test
  void twoCampaignsStartedAtOnceCannotBothTakeTheLastOfTheQuota() throws Exception {
    importContacts("customers", 6);
    List<String> campaigns = List.of(campaign("customers"), campaign("customers"));
    CyclicBarrier together = new CyclicBarrier(campaigns.size());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> starts =
          campaigns.stream()
              .map(
                  id ->
                      pool.submit(
                          (Callable<Integer>)
                              () -> {
                                together.await();
                                return post("/api/campaigns/" + id + "/start", "").statusCode();
                              }))
              .toList();
      List<Integer> statuses = List.of(starts.get(0).get(), starts.get(1).get());
      assertThat(statuses).containsExactlyInAnyOrder(200, 422);
    }
    assertThat(usage().get("messagesUsed").asLong()).isEqualTo(6);
  }

  @Test
  void transactionalMessagesPastTheQuotaGet429AndTheRelay452() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(post("/api/messages", message("r" + i + "@example.com")).statusCode())
          .isEqualTo(202);
    }
    HttpResponse<String> over = post("/api/messages", message("late@example.com"));
    assertProblem(over, 429);
    assertThat(node.json(over).get("detail").asText())
        .startsWith("message quota exceeded: this message needs 1 message but 0 of the 10");
    // Until the month renews: 1 hour in Kyiv.
    assertThat(over.headers().firstValue("Retry-After")).hasValue("3600");

    assertThatThrownBy(this::relay)
        .isInstanceOf(MessagingException.class)
        .satisfies(e -> assertThat(replies(e)).contains("452 4.5.3 message quota exceeded"));

    clock.advance(Duration.between(START, NEW_YEAR_IN_KYIV));
    assertThat(post("/api/messages", message("new-year@example.com")).statusCode()).isEqualTo(202);
  }

  @Test
  void anImportPastTheSubscriberCapIsRefusedWholeAndUsageShowsIt() throws Exception {
    importContacts("customers", 8);
    JsonNode refused = importContacts("more", 5);
    assertThat(refused.get("status").asText()).isEqualTo("refused");
    assertThat(refused.get("reason").asText())
        .isEqualTo(
            "subscriber limit exceeded: this import would add 5 contacts but the free plan"
                + " allows 12 and 4 more fit; nothing was imported");
    assertThat(node.get("/api/lists/more", key).statusCode()).isEqualTo(404);
    assertThat(importContacts("more", 4).get("status").asText()).isEqualTo("completed");

    JsonNode usage = usage();
    assertThat(usage.get("plan").asText()).isEqualTo("free");
    assertThat(usage.get("subscribers").asLong()).isEqualTo(12);
    assertThat(usage.get("subscribersAllowed").asLong()).isEqualTo(12);
    assertThat(usage.get("timeZone").asText()).isEqualTo("Europe/Kyiv");

    String printed = cli("account", "usage");
    assertThat(printed)
        .contains("plan:        free")
        .contains("messages:    0 of 10 used, 10 left")
        .contains("subscribers: 12 of 12");
    assertThat(node.json(node.get("/api/account/usage", "hk_not-a-key")).get("status").asInt())
        .isEqualTo(401);
  }

  private JsonNode importContacts(String list, int count) throws Exception {
    StringBuilder csv = new StringBuilder("email\n");
    for (int i = 1; i <= count; i++) {
      csv.append(list).append(i).append("@example.com\n");
    }
    return node.importFile(key, list, list + ".csv", csv.toString().getBytes(UTF_8));
  }

  private String campaign(String list) throws Exception {
    HttpResponse<String> created =
        post(
            "/api/campaigns",
            """
            {"list": "%s", "fromAddress": "news@quota.example",
             "subject": "Sale", "html": "<p>Deals</p>"}"""
                .formatted(list));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return node.json(created).get("id").asText();
  }

  private JsonNode usage() throws Exception {
    HttpResponse<String> response = node.get("/api/account/usage", key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return node.json(response);
  }

  private static String message(String to) {
    return "{\"to\": \""
        + to
        + "\", \"from\": \"orders@quota.example\", \"subject\": \"Hi\", \"text\": \"Hello\"}";
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return node.post(path, key, "application/json", body.getBytes(UTF_8));
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  private void relay() throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(node.node().relayPort()));
    props.put("mail.smtp.starttls.enable", "true");
    props.put("mail.smtp.starttls.required", "true");
    props.put("mail.smtp.ssl.trust", "127.0.0.1");
    props.put("mail.smtp.ssl.checkserveridentity", "false");
    props.put("mail.smtp.auth", "true");
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    Session session = Session.getInstance(props);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("orders@quota.example"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("relayed@example.com"));
    m.setSubject("Receipt");
    m.setText("Order 7", "UTF-8");
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(accountId, key);
      transport.sendMessage(m, m.getAllRecipients());
    }
  }

  /** What the server said, through the exception and its causes (no stack frames). */
  private static String replies(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t.getMessage()).append('\n');
    }
    return out.toString();
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            Map.of("HERALD_URL", node.baseUrl(), "HERALD_API_KEY", key),
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8),
            args);
    assertThat(code).as(err.toString(UTF_8)).isZero();
    return out.toString(UTF_8);
  }
}
