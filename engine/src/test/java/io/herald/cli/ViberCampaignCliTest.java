package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.cli.ImportFailFastCliTest.Run;
import io.herald.testing.TestNode;
import io.herald.testing.ViberCampaigns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code herald campaign create --channel viber …} against a real node: the options' combinations
 * are refused before anything is sent (exit 2, one line); each option reaches its field of the
 * request, as the server's refusal of a bad value in that very field shows; a campaign that passes
 * every check is refused only because this node sends no Viber. {@code campaign list} shows each
 * campaign's channel.
 */
class ViberCampaignCliTest {
  @TempDir static Path data;
  @TempDir static Path files;
  static TestNode node;
  static String key;
  static Path text;
  static Path fallback;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Viber CLI Co");
    node.importFile(key, "customers", "c.csv", "phone,name\n+380501234501,Ann\n".getBytes(UTF_8));
    text = Files.writeString(files.resolve("viber.txt"), "Привіт, {{name}}! -20% сьогодні.");
    fallback = Files.writeString(files.resolve("sms.txt"), "Привіт, {{name}}! -20%: acme.example");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run herald(String... args) {
    return heraldAs(key, args);
  }

  static Run heraldAs(String apiKey, String... args) {
    return ImportFailFastCliTest.herald(node, apiKey, args);
  }

  /**
   * {@code campaign create --channel viber --list customers --from "Acme Shop" --text …} with
   * {@code more}, which may give its own {@code --from} or {@code --text}.
   */
  static Run createViber(String... more) {
    List<String> args =
        new ArrayList<>(List.of("campaign", "create", "--channel", "viber", "--list", "customers"));
    List<String> given = List.of(more);
    if (!given.contains("--from")) {
      args.addAll(List.of("--from", "Acme Shop"));
    }
    if (!given.contains("--text")) {
      args.addAll(List.of("--text", text.toString()));
    }
    args.addAll(given);
    return herald(args.toArray(String[]::new));
  }

  static void assertRefused(Run run, String reason) throws Exception {
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("herald: ").contains(reason).doesNotContain("Exception");
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(node.json(node.get("/api/campaigns", key)).get("campaigns")).isEmpty();
  }

  static Stream<Arguments> refusedBeforeSending() {
    return Stream.of(
        Arguments.of(
            new String[] {"--button-caption", "Shop"},
            "a Viber button needs both --button-caption and --button-url"),
        Arguments.of(
            new String[] {"--button-url", "https://acme.example"},
            "a Viber button needs both --button-caption and --button-url"),
        Arguments.of(
            new String[] {"--fallback-text", "FALLBACK"},
            "an SMS fallback needs both --fallback-text FILE and --fallback-from SENDER"),
        Arguments.of(
            new String[] {"--fallback-from", "AcmeShop"},
            "an SMS fallback needs both --fallback-text FILE and --fallback-from SENDER"),
        Arguments.of(
            new String[] {"--fallback-text", "/nonexistent/sms.txt", "--fallback-from", "Acme"},
            "cannot read /nonexistent/sms.txt"),
        Arguments.of(new String[] {"--ttl", "tomorrow"}, "--ttl: not a duration: \"tomorrow\""),
        Arguments.of(new String[] {"--ttl", "1500ms"}, "--ttl is whole seconds, not 1500ms"),
        Arguments.of(
            new String[] {"--subject", "Hello"},
            "a viber campaign has no --subject, --html or --reply-to"));
  }

  @ParameterizedTest
  @MethodSource("refusedBeforeSending")
  void aHalfGivenOptionIsRefusedBeforeAnythingIsSent(String[] more, String reason)
      throws Exception {
    String[] args = more.clone();
    for (int i = 0; i < args.length; i++) {
      args[i] = args[i].replace("FALLBACK", fallback.toString());
    }
    assertRefused(createViber(args), reason);
  }

  @Test
  void viberOptionsOnAnotherChannelAndAViberCampaignWithoutTextAreRefused() throws Exception {
    assertRefused(
        herald("campaign", "create", "--channel", "viber", "--list", "customers", "--from", "A"),
        "a viber campaign needs --text FILE (the message)");
    assertRefused(
        herald(
            "campaign",
            "create",
            "--channel",
            "sms",
            "--list",
            "customers",
            "--from",
            "Acme",
            "--text",
            text.toString(),
            "--image",
            "https://cdn.acme.example/a.png"),
        "--image, --button-caption, --button-url, --ttl and --fallback-* are for a viber campaign");
    assertRefused(
        herald(
            "campaign",
            "create",
            "--list",
            "customers",
            "--from",
            "a@acme.example",
            "--subject",
            "S",
            "--html",
            text.toString(),
            "--ttl",
            "1d"),
        "are for a viber campaign");
    assertRefused(
        herald("campaign", "create", "--channel", "whatsapp", "--list", "customers", "--from", "A"),
        "--channel is email, sms or viber, not whatsapp");
  }

  static Stream<Arguments> refusedByTheServer() throws Exception {
    Path longText = Files.writeString(files.resolve("long.txt"), "x".repeat(1001));
    Path longSms = Files.writeString(files.resolve("long-sms.txt"), "x".repeat(1531));
    String button = "--button-caption=Shop now";
    String url = "--button-url=https://acme.example/sale";
    return Stream.of(
        Arguments.of(
            new String[] {"--image", "http://cdn.acme.example/a.png", button, url},
            "imageUrl must be an https URL"),
        Arguments.of(
            new String[] {"--image", "https://cdn.acme.example/a.png"},
            "an image with a text only together with a button"),
        Arguments.of(
            new String[] {"--button-caption", "c".repeat(31), url},
            "a Viber button caption is at most 30 characters"),
        Arguments.of(
            new String[] {button, "--button-url", "ftp://acme.example"},
            "buttonUrl must be an https URL"),
        Arguments.of(new String[] {"--ttl", "10s"}, "a Viber validity (ttlSeconds) is between"),
        Arguments.of(new String[] {"--ttl", "30d"}, "a Viber validity (ttlSeconds) is between"),
        Arguments.of(
            new String[] {"--fallback-text", longSms.toString(), "--fallback-from", "AcmeShop"},
            "an SMS fallback text is at most 1530 characters"),
        Arguments.of(
            new String[] {
              "--fallback-text", fallback.toString(), "--fallback-from", "news@acme.example"
            },
            "SMS fallback: "),
        Arguments.of(new String[] {"--text", longText.toString()}, "at most 1000 characters"),
        Arguments.of(new String[] {"--from", "A".repeat(51)}, "one line of at most 50 characters"));
  }

  @ParameterizedTest
  @MethodSource("refusedByTheServer")
  void eachOptionReachesItsFieldAsTheServersRefusalOfABadValueShows(String[] more, String reason)
      throws Exception {
    assertRefused(createViber(more), reason);
  }

  @Test
  void aViberCampaignThatPassesEveryCheckIsRefusedOnlyBecauseThisNodeSendsNoViber()
      throws Exception {
    assertRefused(
        createViber(
            "--image",
            "https://cdn.acme.example/sale.png",
            "--button-caption",
            "Shop now",
            "--button-url",
            "https://acme.example/sale",
            "--ttl",
            "12h",
            "--fallback-text",
            fallback.toString(),
            "--fallback-from",
            "AcmeShop",
            "--no-track-clicks"),
        "viber is not configured on this server");
  }

  @Test
  void campaignListShowsEachCampaignsChannelAndPreviewSaysWhyAViberOneCannotBeShown()
      throws Exception {
    String other = node.createAccount("Viber List Co");
    AccountId account = node.node().accounts().authenticate(other).orElseThrow().id();
    Campaign viber = ViberCampaigns.draft(account, "customers", false);
    node.node().campaignStore().create(viber);
    // An email campaign beside it, through the CLI.
    node.attestDomain(other, "acme.example");
    node.importFile(other, "news", "n.csv", "email\nann@example.com\n".getBytes(UTF_8));
    Run email =
        heraldAs(
            other,
            "campaign",
            "create",
            "--list",
            "news",
            "--from",
            "news@acme.example",
            "--subject",
            "Hello",
            "--html",
            text.toString());
    assertThat(email.code()).as(email.err()).isZero();
    String emailId = email.out().strip().lines().reduce((a, b) -> b).orElseThrow();

    Run list = heraldAs(other, "campaign", "list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out().strip().lines())
        .hasSize(2)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(viber.id().value() + "  viber  draft")
                    .contains("list \"customers\""))
        .anySatisfy(line -> assertThat(line).startsWith(emailId + "  email  draft"));
    JsonNode json =
        new ObjectMapper().readTree(heraldAs(other, "campaign", "list", "--json").out());
    assertThat(json.findValues("channel")).extracting(JsonNode::asText).contains("viber", "email");

    Run preview =
        heraldAs(other, "campaign", "preview", viber.id().value(), "--phone", "+380501234501");
    assertThat(preview.code()).isEqualTo(2);
    assertThat(preview.err()).contains("viber is not configured on this server");
  }
}
