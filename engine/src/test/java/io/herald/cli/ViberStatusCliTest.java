package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.testing.TestNode;
import io.herald.testing.ViberCampaigns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Viber campaign's statistics as the API and {@code herald campaign status} show them, against a
 * real server: the Viber counters per phase in their order, none of email's; on the command line
 * summed over the phases in labelled lines, so the fallback SMS's {@code delivered} is not read as
 * the campaign's.
 */
class ViberStatusCliTest {
  @TempDir Path data;
  TestNode node;
  String key;
  AccountId account;
  Campaign campaign;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(TestNode.config(data), Clock.systemUTC());
    key = node.createAccount("Shop");
    account = node.node().accounts().authenticate(key).orElseThrow().id();
    campaign =
        ViberCampaigns.sending(
            account,
            new CampaignId("00000000000000f1"),
            Phase.REST,
            2000,
            true,
            Instant.parse("2026-11-21T10:00:00Z"));
    CampaignStore store = node.node().campaignStore();
    store.create(campaign);
    count(Phase.CANARY, Map.of("sent", 200, "viber_delivered", 150, "seen", 60, "fallen_back", 45));
    count(Phase.CANARY, Map.of("delivered", 40, "undeliverable", 5, "parts", 45, "blocked", 1));
    count(Phase.REST, Map.of("sent", 1000, "viber_submitted", 700, "viber_delivered", 100));
    count(Phase.REST, Map.of("seen", 30, "fallen_back", 200, "fallback_pending", 50));
    count(Phase.REST, Map.of("submitted", 150, "clicked", 12, "unsubscribed", 3));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  void count(Phase phase, Map<String, Integer> counters) {
    counters.forEach(
        (counter, times) -> {
          for (int i = 0; i < times; i++) {
            node.node().campaignStore().count(account, campaign.id(), phase, counter);
          }
        });
  }

  /** One command line against the node, as the account (the helper of the other CLI tests). */
  ImportFailFastCliTest.Run herald(String... args) {
    return ImportFailFastCliTest.herald(node, key, args);
  }

  static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theApiShowsTheViberCountersPerPhaseInTheirOrder() throws Exception {
    ImportFailFastCliTest.Run run = herald("campaign", "status", campaign.id().value(), "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode stats = new ObjectMapper().readTree(run.out()).get("stats");

    assertThat(fields(stats)).containsExactly("all", "canary", "rest");
    assertThat(fields(stats.get("rest")))
        .containsExactlyElementsOf(CampaignStats.counters(Channel.VIBER))
        .startsWith("sent", "viber_submitted", "viber_delivered", "seen")
        .doesNotContain("opened", "bounced_hard", "complained");
    assertThat(stats.get("canary").get("viber_delivered").asLong()).isEqualTo(150);
    assertThat(stats.get("canary").get("blocked").asLong()).isEqualTo(1);
    assertThat(stats.get("rest").get("fallback_pending").asLong()).isEqualTo(50);
  }

  @Test
  void theStatusCommandLabelsWhatViberAndTheSmsFallbackDid() {
    ImportFailFastCliTest.Run run = herald("campaign", "status", campaign.id().value());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines().toList())
        .startsWith(
            "Viber campaign 00000000000000f1: sending, 2000 recipients; 1200 sent",
            "  Viber: 250 delivered (90 seen), 700 awaiting a report, 0 undelivered, 0 expired,"
                + " 0 not Viber users",
            "  SMS fallback: 245 fell back (50 waiting to go out), 150 awaiting a receipt,"
                + " 40 delivered, 5 undeliverable, 0 rejected, 0 expired, 0 unknown (45 parts)",
            "  0 deferred, 0 suppressed, 0 failed; 12 clicked, 3 unsubscribed, 1 blocked");
  }
}
