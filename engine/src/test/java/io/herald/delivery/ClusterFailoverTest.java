package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.app.HeraldNode;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.testing.Await;
import io.herald.testing.KilledNodes;
import io.herald.testing.LocalCluster;
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
 * A master of a real Redis Cluster (3 masters, 3 replicas) killed with SIGKILL under a running
 * campaign — the master that holds the work queue's slot: its replica takes over within seconds,
 * and the node that was sending recovers by itself (topology refresh, reconnection, its loops
 * retrying) — no restart — and finishes the campaign: nothing lost, duplicates at most the messages
 * in flight, and the API answers again.
 */
class ClusterFailoverTest {
  private static final int RECIPIENTS = 600;
  private static final int CONCURRENCY = 8;

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path clusterDir;
  @TempDir Path data;

  @Test
  void aKilledMasterUnderARunningCampaignIsSurvivedWithoutARestart() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(clusterDir, 3);
        HeraldNode node =
            HeraldNode.start(
                config(cluster), Optional.of(TestNode.ADMIN_TOKEN), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + node.httpPort();
      var created =
          KilledNodes.send(
              base,
              "/api/admin/accounts",
              TestNode.ADMIN_TOKEN,
              "{\"name\":\"Failover Co\"}",
              "application/json");
      KilledNodes.send(
          base,
          "/api/admin/accounts/" + created.get("id").asText() + "/domains",
          TestNode.ADMIN_TOKEN,
          "{\"name\":\"failover.example\"}",
          "application/json");
      String key = created.get("apiKey").asText();
      StringBuilder csv = new StringBuilder("email,name\n");
      for (int i = 1; i <= RECIPIENTS; i++) {
        csv.append("f").append(i).append("@example.com,Reader ").append(i).append('\n');
      }
      String importId =
          KilledNodes.send(
                  base, "/api/lists/f/imports?filename=f.csv", key, csv.toString(), "text/csv")
              .get("id")
              .asText();
      Await.until(
          () -> KilledNodes.send(base, "/api/imports/" + importId, key, null, null),
          j -> !"running".equals(j.get("status").asText()));
      String campaign =
          KilledNodes.startCampaign(
              base,
              key,
              Map.of(
                  "list", "f",
                  "fromName", "Failover",
                  "fromAddress", "news@failover.example",
                  "subject", "Hello {{name}}",
                  "html", "<p>Hi {{name}}</p>"));

      Await.until(() -> mail.getReceivedMessages().length, n -> n >= RECIPIENTS / 4);
      int queueMaster = cluster.masterOf("herald:{q}:work");
      cluster.kill(queueMaster);
      assertThat(mail.getReceivedMessages().length).isLessThan(RECIPIENTS); // mid-campaign
      // A replica takes over: the cluster is whole again, the slot on another server.
      Await.until(
          () -> cluster.servesSlotOf("herald:{q}:work"), served -> served, Duration.ofSeconds(60));
      cluster.awaitHealthy();
      assertThat(cluster.masterOf("herald:{q}:work")).isNotEqualTo(queueMaster);

      var account = node.accounts().authenticate(key).orElseThrow().id();
      CampaignId id = new CampaignId(campaign);
      Await.until(
          () -> node.campaigns().find(account, id).orElseThrow().state(),
          s -> s instanceof CampaignState.Completed,
          Duration.ofMinutes(3));
      assertThat(
              KilledNodes.send(base, "/api/campaigns/" + campaign, key, null, null)
                  .get("state")
                  .asText())
          .as("the API answers after the failover")
          .isEqualTo("completed");
    }

    MimeMessage[] received = mail.getReceivedMessages();
    long distinct =
        Arrays.stream(received)
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
    assertThat(distinct).as("nobody lost").isEqualTo(RECIPIENTS);
    assertThat(received.length - RECIPIENTS)
        .as("duplicates are at most the messages in flight at the failover")
        .isBetween(0, CONCURRENCY);
  }

  private HeraldConfig config(LocalCluster cluster) {
    HeraldConfig base = TestNode.config(data);
    return base.withDelivery(
            base.delivery()
                .withSmarthost("127.0.0.1", mail.getSmtp().getPort())
                .withLimits(4, CONCURRENCY, "100/s"))
        .withCanary(base.canary().withEnabled(false))
        .withRedis(new RedisConfig(Optional.of(URI.create(cluster.uri())), 0));
  }
}
