package io.herald.web;

import static io.herald.web.ProblemAssert.assertProblem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.Campaign;
import io.herald.channel.viber.ViberLimits;
import io.herald.testing.TestNode;
import io.herald.testing.ViberCampaigns;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Viber campaign through the HTTP API of a real node: the create request's {@code viber} object
 * is read strictly, every static check of a Viber campaign is a 400 that says what is wrong, and a
 * campaign that passes them all is refused with a 422 only because this node sends no Viber yet
 * (nothing is written either way). A stored Viber campaign shows its settings in the same shape
 * they were given in; its preview and test send say why they cannot be done here.
 */
class ViberCampaignApiTest {
  static final String VALID =
      """
      "fromAddress": "Acme Shop", "text": "Hi {{name}}, -20% today",
      "viber": {"imageUrl": "https://cdn.acme.example/sale.png", "buttonCaption": "Shop now",
                "buttonUrl": "https://acme.example/sale", "ttlSeconds": 7200,
                "fallback": {"text": "Hi {{name}}, -20% today: https://acme.example/sale",
                             "sender": "AcmeShop"}}""";

  @TempDir static Path data;
  static TestNode node;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Viber Co");
    node.importFile(key, "customers", "c.csv", "phone,name\n+380501234501,Ann\n".getBytes(UTF_8));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static HttpResponse<String> create(String fields) throws Exception {
    return node.post(
        "/api/campaigns",
        key,
        "application/json",
        ("{\"channel\": \"viber\", \"list\": \"customers\", " + fields + "}").getBytes(UTF_8));
  }

  static JsonNode campaigns() throws Exception {
    return campaigns(key);
  }

  static JsonNode campaigns(String apiKey) throws Exception {
    return node.json(node.get("/api/campaigns", apiKey)).get("campaigns");
  }

  @Test
  void aViberCampaignThatPassesEveryCheckIsRefusedOnlyBecauseThisNodeSendsNoViber()
      throws Exception {
    assertProblem(create(VALID), 422, "viber is not configured on this server");
    // No viber object: a text-only message with the default validity and no fallback.
    assertProblem(
        create("\"fromAddress\": \"Acme\", \"text\": \"Hi\""),
        422,
        "viber is not configured on this server");
    assertThat(campaigns()).isEmpty();
  }

  static Stream<Arguments> refusals() {
    String text = "\"fromAddress\": \"Acme\", \"text\": \"Hi\", ";
    return Stream.of(
        Arguments.of(
            text + "\"subject\": \"Hello\"", "a Viber campaign has no subject, html or replyTo"),
        Arguments.of(text + "\"html\": \"<p>Hi</p>\"", "no subject, html or replyTo"),
        Arguments.of(text + "\"replyTo\": \"a@acme.example\"", "no subject, html or replyTo"),
        Arguments.of("\"text\": \"Hi\"", "a Viber sender name (fromAddress) is required"),
        Arguments.of("\"fromAddress\": \"  \", \"text\": \"Hi\"", "(fromAddress) is required"),
        Arguments.of(
            "\"fromAddress\": \"" + "A".repeat(51) + "\", \"text\": \"Hi\"",
            "one line of at most 50 characters"),
        Arguments.of(
            "\"fromAddress\": \"Acme\\nShop\", \"text\": \"Hi\"",
            "one line of at most 50 characters"),
        Arguments.of("\"fromAddress\": \"Acme\"", "a Viber message needs a text"),
        Arguments.of("\"fromAddress\": \"Acme\", \"text\": \" \"", "a Viber message needs a text"),
        Arguments.of(
            "\"fromAddress\": \"Acme\", \"text\": \"" + "x".repeat(ViberLimits.MAX_TEXT + 1) + "\"",
            "a Viber text is at most 1000 characters"),
        Arguments.of(
            text + viber("\"imageUrl\": \"http://cdn.acme.example/a.png\", " + button()),
            "imageUrl must be an https URL"),
        Arguments.of(
            text + viber("\"imageUrl\": \"https://cdn acme/a.png\", " + button()),
            "imageUrl is not a valid URL"),
        Arguments.of(
            text + viber("\"buttonCaption\": \"Shop\""),
            "a Viber button needs both a caption (buttonCaption) and a link (buttonUrl)"),
        Arguments.of(
            text + viber("\"buttonUrl\": \"https://acme.example\""),
            "needs both a caption (buttonCaption) and a link (buttonUrl)"),
        Arguments.of(
            text
                + viber(
                    "\"buttonCaption\": \""
                        + "c".repeat(ViberLimits.MAX_BUTTON_CAPTION + 1)
                        + "\", \"buttonUrl\": \"https://acme.example\""),
            "a Viber button caption is at most 30 characters"),
        Arguments.of(
            text + viber("\"buttonCaption\": \"Shop\", \"buttonUrl\": \"ftp://acme.example\""),
            "buttonUrl must be an https URL"),
        Arguments.of(
            text + viber("\"imageUrl\": \"https://cdn.acme.example/a.png\""),
            "an image with a text only together with a button"),
        Arguments.of(
            text + viber("\"ttlSeconds\": " + (ViberLimits.MIN_TTL.toSeconds() - 1)),
            "a Viber validity (ttlSeconds) is between"),
        Arguments.of(
            text + viber("\"ttlSeconds\": " + (ViberLimits.MAX_TTL.toSeconds() + 1)),
            "a Viber validity (ttlSeconds) is between"),
        Arguments.of(text + viber("\"ttlSeconds\": -5"), "(ttlSeconds) is between"),
        Arguments.of(
            text
                + viber(
                    "\"fallback\": {\"text\": \"" + "x".repeat(1531) + "\", \"sender\": \"A\"}"),
            "an SMS fallback text is at most 1530 characters"),
        Arguments.of(
            text + viber("\"fallback\": {\"text\": \"Hi\"}"),
            "an SMS fallback needs its sender ID (fallback.sender)"),
        Arguments.of(
            text + viber("\"fallback\": {\"text\": \"Hi\", \"sender\": \"news@acme.example\"}"),
            "SMS fallback: "),
        Arguments.of(
            text + viber("\"fallback\": {\"sender\": \"AcmeShop\"}"),
            "an SMS fallback sender needs a fallback text"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void everyCheckOfAViberCampaignIsA400ThatSaysWhatIsWrong(String fields, String detail)
      throws Exception {
    assertProblem(create(fields), 400, detail);
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void malformedJsonUnknownFieldsAndWrongTypesInTheViberObjectAre400sNamingTheField()
      throws Exception {
    String text = "\"fromAddress\": \"Acme\", \"text\": \"Hi\", ";
    assertProblem(
        create(text + viber("\"image\": \"https://cdn.acme.example/a.png\"")),
        400,
        "unknown field \\\"image\\\"");
    assertProblem(
        create(text + viber("\"fallback\": {\"text\": \"Hi\", \"sender\": \"A\", \"lang\": 1}")),
        400,
        "unknown field \\\"lang\\\"");
    assertProblem(
        create(text + viber("\"ttlSeconds\": \"1d\"")),
        400,
        "field \\\"viber.ttlSeconds\\\" must be a whole number");
    assertProblem(
        create(text + viber("\"ttlSeconds\": 3600.5")),
        400,
        "field \\\"viber.ttlSeconds\\\" must be a whole number");
    assertProblem(
        create(text + viber("\"buttonCaption\": 5, \"buttonUrl\": \"https://acme.example\"")),
        400,
        "field \\\"viber.buttonCaption\\\" must be a string");
    assertProblem(
        create(text + "\"viber\": \"yes\""), 400, "field \\\"viber\\\" must be an object");
    assertProblem(
        create(text + viber("\"fallback\": \"Hi by SMS\"")),
        400,
        "field \\\"viber.fallback\\\" must be an object");
    assertProblem(
        create(text + viber("\"ttlSeconds\": 60, \"ttlSeconds\": 70")), 400, "given twice");
    assertProblem(create(text + viber("\"ttlSeconds\": 60") + "}"), 400, "malformed JSON");
    assertProblem(
        node.post(
            "/api/campaigns",
            key,
            "application/json",
            "{\"list\": \"customers\", \"fromAddress\": \"news@acme.example\", \"subject\": \"S\","
                .concat(" \"html\": \"<p>x</p>\", \"viber\": {\"ttlSeconds\": 60}}")
                .getBytes(UTF_8)),
        400,
        "viber settings are for a Viber campaign");
    assertProblem(
        node.post(
            "/api/campaigns",
            key,
            "application/json",
            "{\"channel\": \"whatsapp\", \"list\": \"customers\", \"fromAddress\": \"A\"}"
                .getBytes(UTF_8)),
        422,
        "channel must be \\\"email\\\", \\\"sms\\\" or \\\"viber\\\"");
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void aStoredViberCampaignShowsItsSettingsAndSaysWhyItCannotBePreviewedOrTestSentHere()
      throws Exception {
    // An account of its own: the other tests find nothing written in theirs.
    String key = node.createAccount("Viber Stored Co");
    AccountId account = node.node().accounts().authenticate(key).orElseThrow().id();
    Campaign stored = ViberCampaigns.draft(account, "customers", true);
    node.node().campaignStore().create(stored);
    String id = stored.id().value();

    JsonNode shown = node.json(node.get("/api/campaigns/" + id, key));
    assertThat(shown.get("channel").asText()).isEqualTo("viber");
    assertThat(shown.get("fromAddress").asText()).isEqualTo("Acme Shop");
    assertThat(shown.get("text").asText()).isEqualTo("Hi {{name}}");
    assertThat(shown.has("subject")).isFalse();
    assertThat(shown.get("viber"))
        .isEqualTo(
            HeraldNode.objectMapper()
                .readTree(
                    """
                {"imageUrl": "https://cdn.acme.example/sale.png", "buttonCaption": "Shop now",
                 "buttonUrl": "https://acme.example/sale", "ttlSeconds": 7200,
                 "fallback": {"text": "Hi {{name}} by SMS", "sender": "AcmeShop"}}"""));
    assertThat(shown.at("/stats/all").has("viber_delivered")).isTrue();
    assertThat(shown.at("/stats/all").has("fallen_back")).isTrue();
    assertThat(campaigns(key)).hasSize(1);
    assertThat(campaigns(key).get(0).get("viber")).isEqualTo(shown.get("viber"));

    assertProblem(
        node.post(
            "/api/campaigns/" + id + "/preview",
            key,
            "application/json",
            "{\"phone\": \"+380501234501\"}".getBytes(UTF_8)),
        422,
        "viber is not configured on this server");
    assertProblem(
        node.post(
            "/api/campaigns/" + id + "/preview",
            key,
            "application/json",
            "{\"phone\": \"not a phone\"}".getBytes(UTF_8)),
        400,
        "phone: ");
    assertProblem(
        node.post(
            "/api/campaigns/" + id + "/test",
            key,
            "application/json",
            "{\"to\": [\"+380501234501\"]}".getBytes(UTF_8)),
        422,
        "a test send is for email campaigns");
  }

  private static String viber(String fields) {
    return "\"viber\": {" + fields + "}";
  }

  private static String button() {
    return "\"buttonCaption\": \"Shop\", \"buttonUrl\": \"https://acme.example/sale\"";
  }
}
