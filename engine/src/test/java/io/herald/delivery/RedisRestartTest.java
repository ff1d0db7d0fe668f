package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.ImportRequest;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Campaigns;
import io.herald.config.DeliveryConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.store.redis.EmbeddedRedis;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stops in the middle of a campaign and comes back (same port, same data, AOF): the node
 * reconnects by itself and the campaign resumes and completes, every recipient reached.
 */
class RedisRestartTest {
  private static final int RECIPIENTS = 300;
  private static final int CONCURRENCY = 8;
  private static final String PASSWORD = "restart-test-password";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path redisDir;
  @TempDir Path data;
  @TempDir Path files;

  @Test
  void aCampaignSurvivesARedisRestart() throws Exception {
    EmbeddedRedis redis = EmbeddedRedis.start(redisDir, 0, PASSWORD);
    int port = redis.port();
    try (HeraldNode node =
        HeraldNode.start(config(redis), Optional.of(TestNode.ADMIN_TOKEN), Clock.systemUTC())) {
      AccountId account = node.accounts().create("Restart Co").account().id();
      TestNode.attestDomain(node, account, "restart.example");
      List<String> lines = new ArrayList<>(List.of("email,name"));
      for (int i = 1; i <= RECIPIENTS; i++) {
        lines.add("rr" + i + "@example.com,Reader " + i);
      }
      Path list = Files.write(files.resolve("r.csv"), lines);
      node.imports()
          .runNow(new ImportRequest(account, "restart", list, "r.csv", Optional.empty(), false));
      Campaigns campaigns = node.campaigns();
      Campaign campaign =
          campaigns.create(
              account,
              new Campaigns.Draft(
                  "restart",
                  Map.of(),
                  "Restart Co",
                  "news@restart.example",
                  Optional.empty(),
                  "Hello {{name}}",
                  "<p>Hi {{name}}</p>",
                  Optional.empty()));
      campaigns.start(account, campaign.id());

      Await.until(() -> mail.getReceivedMessages().length, n -> n >= RECIPIENTS / 4);
      redis.close();
      int whileDown = mail.getReceivedMessages().length;
      assertThat(whileDown).isLessThan(RECIPIENTS);
      redis = EmbeddedRedis.start(redisDir, port, PASSWORD);

      Await.until(
          () -> campaigns.find(account, campaign.id()).orElseThrow().state(),
          s -> s instanceof CampaignState.Completed);
    } finally {
      redis.close();
    }
    long distinct =
        Arrays.stream(mail.getReceivedMessages())
            .map(
                m -> {
                  try {
                    return m.getAllRecipients()[0].toString();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .distinct()
            .count();
    assertThat(distinct).isEqualTo(RECIPIENTS);
    assertThat(mail.getReceivedMessages().length - RECIPIENTS)
        .as("resent at most what was in flight when Redis went away")
        .isBetween(0, CONCURRENCY);
  }

  private HeraldConfig config(EmbeddedRedis redis) {
    HeraldConfig base = TestNode.config(data);
    DeliveryConfig d = base.delivery();
    return base.withRedis(new RedisConfig(Optional.of(URI.create(redis.uri().value())), 0))
        .withDelivery(
            d.withSmarthost("127.0.0.1", mail.getSmtp().getPort())
                .withLimits(4, CONCURRENCY, "100/s")
                .withReclaimAfter(Duration.ofSeconds(2)));
  }
}
