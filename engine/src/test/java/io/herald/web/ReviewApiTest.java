package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.canary.CanaryDecision;
import io.herald.cli.HeraldCli;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administrators' review of held campaigns over real HTTP and through the CLI: who may see and
 * act, what a bad request gets, and what the account is shown after a rejection.
 */
class ReviewApiTest {
  @TempDir Path data;
  TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aHeldCampaignIsListedRejectedWithAReasonAndTheAccountSeesWhy() throws Exception {
    node =
        TestNode.start(
            TestNode.canaryConfig(data), new MutableClock(Instant.parse("2026-11-21T09:00:00Z")));
    String key = node.createAccount("Bulk Buyer");
    node.attestDomain(key, "buyer.example");
    StringBuilder csv = new StringBuilder("email\n");
    for (int i = 1; i <= 30; i++) {
      csv.append("b").append(i).append("@example.com\n");
    }
    node.importFile(key, "bought", "bought.csv", csv.toString().getBytes(UTF_8));
    String id =
        node.json(
                node.post(
                    "/api/campaigns",
                    key,
                    "application/json",
                    """
                    {"list": "bought", "fromAddress": "deals@buyer.example",
                     "subject": "Deal", "html": "<p>Buy</p>"}"""
                        .getBytes(UTF_8)))
            .get("id")
            .asText();
    JsonNode started =
        node.json(
            node.post("/api/campaigns/" + id + "/start", key, "application/json", new byte[0]));
    assertThat(started.get("phase").asText()).isEqualTo("canary");

    AccountId account = node.node().accounts().authenticate(key).orElseThrow().id();
    CampaignId campaign = new CampaignId(id);
    for (int i = 0; i < 3; i++) {
      node.node().campaignStore().count(account, campaign, Phase.CANARY, "delivered");
      node.node().campaignStore().count(account, campaign, Phase.CANARY, "complained");
    }
    assertThat(node.node().canaries().evaluate(account, campaign))
        .get()
        .isInstanceOf(CanaryDecision.Hold.class);

    assertThat(node.get("/api/admin/review", key).statusCode()).isEqualTo(401);
    JsonNode held = node.json(node.get("/api/admin/review", TestNode.ADMIN_TOKEN)).get("held");
    assertThat(held).hasSize(1);
    assertThat(held.get(0).get("id").asText()).isEqualTo(id);
    assertThat(held.get(0).path("canary").path("report").asText()).containsIgnoringCase("complain");

    assertThat(reject(key, id, "{\"reason\": \"no\"}").statusCode()).isEqualTo(401);
    assertProblem(reject(TestNode.ADMIN_TOKEN, id, "{\"reason\": \"  \"}"), 400);
    assertProblem(reject(TestNode.ADMIN_TOKEN, id, "{\"reason\": "), 400);
    assertProblem(reject(TestNode.ADMIN_TOKEN, "0123456789abcdef", "{\"reason\": \"x\"}"), 404);
    assertProblem(reject(TestNode.ADMIN_TOKEN, "not-an-id", "{\"reason\": \"x\"}"), 404);

    String out = cli("review", "list", "--json");
    assertThat(new ObjectMapper().readTree(out).get("held").get(0).get("id").asText())
        .isEqualTo(id);
    assertThat(cli("review", "reject", id, "--reason", "purchased list\r\nInjected: header"))
        .contains("rejected");

    JsonNode status = node.json(node.get("/api/campaigns/" + id, key));
    assertThat(status.get("state").asText()).isEqualTo("rejected");
    assertThat(status.path("canary").path("rejection").asText())
        .isEqualTo("purchased list  Injected: header");
    assertThat(status.path("canary").path("audit").findValuesAsText("action"))
        .containsExactly("started", "held", "rejected");
    assertProblem(
        node.post(
            "/api/admin/review/" + id + "/approve",
            TestNode.ADMIN_TOKEN,
            "application/json",
            new byte[0]),
        404);
    assertThat(node.json(node.get("/api/admin/review", TestNode.ADMIN_TOKEN)).get("held"))
        .isEmpty();
  }

  private HttpResponse<String> reject(String token, String id, String body) throws Exception {
    return node.post(
        "/api/admin/review/" + id + "/reject", token, "application/json", body.getBytes(UTF_8));
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            Map.of("HERALD_URL", node.baseUrl(), "HERALD_ADMIN_TOKEN", TestNode.ADMIN_TOKEN),
            new PrintStream(out, true, UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
            args);
    assertThat(code).as(String.join(" ", args)).isZero();
    return out.toString(UTF_8);
  }
}
