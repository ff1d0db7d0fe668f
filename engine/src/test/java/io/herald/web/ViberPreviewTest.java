package io.herald.web;

import static io.herald.web.ProblemAssert.assertProblem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.ViberSpec;
import io.herald.cli.HeraldCli;
import io.herald.testing.TestNode;
import io.herald.testing.ViberCampaigns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview of a Viber campaign on a node with Viber on, over real HTTP and through the CLI: the
 * message a phone on the list would get (personalised, with the unsubscribe line in the list's
 * language and the button's tracked link), its validity, and the SMS fallback with its encoding and
 * parts; a bad phone is a 400, a message that cannot be sent a 422 saying why.
 */
class ViberPreviewTest {
  static final String ANN = "+380501234501";

  @TempDir static Path data;
  static TestNode node;
  static String key;
  static AccountId account;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(TestNode.withViber(TestNode.config(data)), java.time.Clock.systemUTC());
    key = node.createAccount("Viber Preview Co");
    account = node.node().accounts().authenticate(key).orElseThrow().id();
    node.importFile(key, "customers", "c.csv", ("phone,name\n" + ANN + ",Ann\n").getBytes(UTF_8));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static HttpResponse<String> preview(Campaign campaign, String body) throws Exception {
    return node.post(
        "/api/campaigns/" + campaign.id() + "/preview",
        key,
        "application/json",
        body.getBytes(UTF_8));
  }

  static Campaign stored(Campaign campaign) {
    node.node().campaignStore().create(campaign);
    return campaign;
  }

  @Test
  void aPhoneOnTheListSeesItsViberMessageAndTheSmsItWouldGetInstead() throws Exception {
    Campaign campaign = stored(ViberCampaigns.draft(account, "customers", true));
    HttpResponse<String> answer = preview(campaign, "{\"phone\": \"+380 50 123 45 01\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode shown = node.json(answer);
    assertThat(shown.get("to").asText()).isEqualTo(ANN);
    assertThat(shown.get("from").asText()).isEqualTo("Acme Shop");
    assertThat(shown.get("ttlSeconds").asLong()).isEqualTo(7200);
    JsonNode viber = shown.get("viber");
    assertThat(viber.get("shape").asText()).isEqualTo("text+image+button");
    // Personalised from the list, with the unsubscribe line in the list's language (uk).
    assertThat(viber.get("text").asText())
        .startsWith("Hi Ann\n")
        .containsPattern("Відписатися: https?://[^ ]+/s/x+$");
    assertThat(viber.get("characters").asInt()).isEqualTo(viber.get("text").asText().length());
    assertThat(viber.get("maxCharacters").asInt()).isEqualTo(1000);
    assertThat(viber.get("imageUrl").asText()).isEqualTo("https://cdn.acme.example/sale.png");
    assertThat(viber.at("/button/caption").asText()).isEqualTo("Shop now");
    assertThat(viber.at("/button/url").asText()).isEqualTo("https://acme.example/sale");
    assertThat(viber.at("/button/trackedUrl").asText()).containsPattern("/l/x+$");
    JsonNode fallback = shown.get("fallback");
    assertThat(fallback.get("from").asText()).isEqualTo("AcmeShop");
    assertThat(fallback.get("to").asText()).isEqualTo(ANN);
    assertThat(fallback.get("text").asText()).startsWith("Hi Ann by SMS");
    assertThat(fallback.get("text").asText()).containsPattern("https?://[^ ]+/s/x+$"); // opt-out
    assertThat(fallback.get("encoding").asText()).isIn("GSM-7", "UCS-2");
    assertThat(fallback.get("parts").asInt()).isPositive();

    String printed = cli("campaign", "preview", campaign.id().value(), "--phone", ANN);
    assertThat(printed.lines())
        .containsSubsequence(
            "Viber from: Acme Shop",
            "To: " + ANN,
            "Valid for: 7200 s",
            "Image: https://cdn.acme.example/sale.png",
            "Hi Ann",
            "SMS fallback, when Viber cannot reach the number:",
            "From: AcmeShop",
            "Hi Ann by SMS");
  }

  @Test
  void withoutAFallbackThePreviewHasNoneAndAPhoneOffTheListGetsTheTextUnpersonalised()
      throws Exception {
    Campaign campaign = stored(ViberCampaigns.draft(account, "customers", false));
    JsonNode shown = node.json(preview(campaign, "{\"phone\": \"+380671234567\"}"));
    assertThat(shown.has("fallback")).isFalse();
    assertThat(shown.at("/viber/text").asText()).startsWith("Hi").doesNotContain("Ann");
    assertThat(cli("campaign", "preview", campaign.id().value(), "--phone", "+380671234567"))
        .contains("No SMS fallback");
  }

  @Test
  void aBadPhoneIsA400AndAMessageThatCannotBeSentIsA422SayingWhy() throws Exception {
    Campaign campaign = stored(ViberCampaigns.draft(account, "customers", true));
    assertProblem(preview(campaign, "{\"phone\": \"call me\"}"), 400, "phone: ");
    assertProblem(preview(campaign, "{}"), 400, "phone: ");
    assertProblem(preview(campaign, "{\"phone\": 380501234501}"), 400, "must be a string");
    // A text that leaves no room for the unsubscribe line Herald adds.
    Campaign full =
        stored(
            ViberCampaigns.draft(
                account,
                "customers",
                "x".repeat(1000),
                new ViberSpec(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    3600,
                    Optional.empty(),
                    Optional.empty()),
                99));
    assertProblem(preview(full, "{\"phone\": \"" + ANN + "\"}"), 422, "the Viber text is too long");
  }

  private static String cli(String... args) {
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
