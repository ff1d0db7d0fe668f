package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.app.HeraldNode;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.store.redis.EmbeddedRedis;
import io.herald.testing.Await;
import io.herald.testing.ChildNode;
import io.herald.testing.JsonHttp;
import io.herald.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM killed with SIGKILL in the middle of a campaign: another node takes over what it
 * held as soon as the dead node's heartbeat lapses (reclaimAfter is 10 minutes here, out of the
 * picture) and finishes, and every recipient ends up with exactly one message, except at most the
 * messages that were in flight at the kill (the ledger cannot know whether those reached the
 * server).
 */
class WorkerKillTest {
  private static final int RECIPIENTS = 400;
  private static final int CONCURRENCY = 8;
  private static final String SECRET = "kill-test-tracking-secret-0123456789abcdef";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path redisDir;
  @TempDir Path dataA;
  @TempDir Path dataB;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aKilledWorkersMessagesAreFinishedByAnotherNodeExactlyOnce() throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start(redisDir, 0)) {
      try (ChildNode nodeA = startWorkerJvm(redis)) {
        String base = nodeA.baseUrl();
        String key = createAccount(base);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 1; i <= RECIPIENTS; i++) {
          csv.append("k").append(i).append("@example.com,Reader ").append(i).append('\n');
        }
        JsonNode job =
            send(base, "/api/lists/kill/imports?filename=k.csv", key, csv.toString(), "text/csv");
        String importId = job.get("id").asText();
        Await.until(
            () -> send(base, "/api/imports/" + importId, key, null, null),
            j -> !"running".equals(j.get("status").asText()));
        String campaign =
            send(
                    base,
                    "/api/campaigns",
                    key,
                    json.writeValueAsString(
                        Map.of(
                            "list", "kill",
                            "fromName", "Kill Test",
                            "fromAddress", "news@kill.example",
                            "subject", "Hello {{name}}",
                            "html", "<p>Hi {{name}}</p>")),
                    "application/json")
                .get("id")
                .asText();
        send(base, "/api/campaigns/" + campaign + "/start", key, "{}", "application/json");

        Await.until(() -> mail.getReceivedMessages().length, n -> n >= RECIPIENTS / 4);
        nodeA.kill(); // SIGKILL: no shutdown hook, no acknowledgement
        int atKill = mail.getReceivedMessages().length;
        assertThat(atKill).isLessThan(RECIPIENTS); // it really died mid-campaign

        HeraldConfig configB = nodeConfig(redis, dataB);
        try (HeraldNode nodeB =
            HeraldNode.start(configB, Optional.of(TestNode.ADMIN_TOKEN), Clock.systemUTC())) {
          var account = nodeB.accounts().authenticate(key).orElseThrow().id();
          var id = new io.herald.campaign.CampaignId(campaign);
          Await.until(
              () -> nodeB.campaigns().find(account, id).orElseThrow().state(),
              s -> s instanceof io.herald.campaign.CampaignState.Completed);
        }
      }
    }

    MimeMessage[] received = mail.getReceivedMessages();
    long distinct = Arrays.stream(received).map(WorkerKillTest::recipient).distinct().count();
    assertThat(distinct).isEqualTo(RECIPIENTS);
    assertThat(received.length - RECIPIENTS)
        .as("duplicates are at most the messages in flight at the kill")
        .isBetween(0, CONCURRENCY);
  }

  private HeraldConfig nodeConfig(EmbeddedRedis redis, Path data) {
    HeraldConfig base = TestNode.config(data);
    return base.withDelivery(
            base.delivery()
                .withSmarthost("127.0.0.1", mail.getSmtp().getPort())
                .withLimits(4, CONCURRENCY, "100/s")
                .withReclaimAfter(Duration.ofMinutes(10)))
        .withTracking(
            new io.herald.config.TrackingConfig(base.tracking().baseUrl(), Optional.of(SECRET)))
        .withRedis(new RedisConfig(Optional.of(URI.create(redis.uri().value())), 0));
  }

  private ChildNode startWorkerJvm(EmbeddedRedis redis) throws Exception {
    return ChildNode.serve(
        dataA,
        Map.of(
            "HERALD_REDIS_URI", redis.uri().value(),
            "HERALD_TRACKING_SECRET", SECRET,
            "HERALD_DELIVERY_SMTP_HOST", "127.0.0.1",
            "HERALD_DELIVERY_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
            "HERALD_DELIVERY_SMTP_MAX_CONNECTIONS", "4",
            "HERALD_DELIVERY_CONCURRENCY", Integer.toString(CONCURRENCY),
            "HERALD_DELIVERY_RATE", "100/s",
            "HERALD_DELIVERY_RECLAIM_AFTER", "10m",
            // the whole audience at once, as nodeConfig
            "HERALD_CANARY_APPLY_TO", "none"));
  }

  private String createAccount(String base) throws Exception {
    JsonNode account =
        send(
            base,
            "/api/admin/accounts",
            TestNode.ADMIN_TOKEN,
            "{\"name\":\"Kill Co\"}",
            "application/json");
    send(
        base,
        "/api/admin/accounts/" + account.get("id").asText() + "/domains",
        TestNode.ADMIN_TOKEN,
        "{\"name\":\"kill.example\"}",
        "application/json");
    return account.get("apiKey").asText();
  }

  private JsonNode send(String base, String path, String token, String body, String type)
      throws Exception {
    return new JsonHttp(base).send(path, token, body, type);
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
