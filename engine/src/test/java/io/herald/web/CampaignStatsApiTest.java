package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.testing.TestNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's statistics per phase (R11) over real HTTP show the counters of its channel: an SMS
 * campaign's receipts, unknown outcomes and parts, an email campaign's bounces and opens.
 */
class CampaignStatsApiTest {
  @TempDir Path data;
  TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  static Campaign campaign(AccountId account, String id, Channel channel, Phase phase) {
    return new Campaign(
        account,
        new CampaignId(id),
        channel,
        "news",
        Map.of(),
        "",
        channel == Channel.SMS ? "SHOP" : "news@shop.example",
        Optional.empty(),
        "",
        "",
        Optional.of("Sale today"),
        new CampaignState.Sending(phase),
        100,
        Instant.parse("2026-11-21T10:00:00Z"),
        true);
  }

  static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void anSmsCampaignShowsItsReceiptCountersPerPhaseAndAnEmailCampaignItsOwn() throws Exception {
    node = TestNode.start(data);
    String key = node.createAccount("Shop");
    AccountId account = node.node().accounts().authenticate(key).orElseThrow().id();
    CampaignStore store = node.node().campaignStore();
    Campaign sms = campaign(account, "00000000000000d1", Channel.SMS, Phase.CANARY);
    store.create(sms);
    Map<String, Integer> canary =
        Map.of("submitted", 3, "delivered", 90, "undeliverable", 4, "unknown", 2, "parts", 198);
    canary.forEach(
        (counter, times) -> {
          for (int i = 0; i < times; i++) {
            store.count(account, sms.id(), Phase.CANARY, counter);
          }
        });
    store.count(account, sms.id(), Phase.CANARY, "unsubscribed");
    store.count(account, sms.id(), Phase.REST, "rejected");

    JsonNode stats = node.json(node.get("/api/campaigns/" + sms.id().value(), key)).get("stats");

    assertThat(fields(stats)).containsExactly("all", "canary", "rest");
    // The SMS counters in their order (a channel may add more); none of email's.
    assertThat(fields(stats.get("canary")))
        .containsSubsequence(
            "sent",
            "submitted",
            "delivered",
            "undeliverable",
            "rejected",
            "expired",
            "unknown",
            "deferred",
            "suppressed",
            "failed",
            "parts",
            "clicked",
            "clicked_machine",
            "unsubscribed")
        .doesNotContain(
            "opened",
            "opened_machine",
            "bounced_hard",
            "bounced_soft",
            "bounced_policy",
            "complained");
    canary.forEach(
        (counter, n) -> assertThat(stats.get("canary").get(counter).asInt()).isEqualTo(n));
    assertThat(stats.get("canary").get("unsubscribed").asLong()).isEqualTo(1);
    assertThat(stats.get("rest").get("rejected").asLong()).isEqualTo(1);

    Campaign email = campaign(account, "00000000000000e1", Channel.EMAIL, Phase.ALL);
    store.create(email);
    JsonNode emailStats =
        node.json(node.get("/api/campaigns/" + email.id().value(), key)).get("stats");
    assertThat(fields(emailStats)).containsExactly("all");
    assertThat(fields(emailStats.get("all")))
        .containsExactly(
            "sent",
            "delivered",
            "deferred",
            "bounced_hard",
            "bounced_soft",
            "bounced_policy",
            "suppressed",
            "failed",
            "opened",
            "clicked",
            "opened_machine",
            "clicked_machine",
            "unsubscribed",
            "complained");
  }
}
