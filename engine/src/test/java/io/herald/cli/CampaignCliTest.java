package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaign commands against a real server: ids, states, refusals, and tenant isolation. */
class CampaignCliTest {
  @TempDir static Path data;
  @TempDir static Path files;
  static TestNode node;
  static String key;
  static String otherKey;
  static Path html;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Campaigner");
    node.attestDomain(key, "sender.example");
    otherKey = node.createAccount("Someone Else");
    node.importFile(
        key, "news", "n.csv", "email,name\na@example.com,A\nb@example.com,B\n".getBytes(UTF_8));
    html = Files.writeString(files.resolve("body.html"), "<p>Hello {{name}}</p>");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run herald(String apiKey, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_URL", node.baseUrl());
    env.put("HERALD_API_KEY", apiKey);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  static String create(String subject) {
    Run run =
        herald(
            key,
            "campaign",
            "create",
            "--list",
            "news",
            "--from",
            "news@sender.example",
            "--subject",
            subject,
            "--html",
            html.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void createPrintsTheIdLastAndStatusJsonShowsTheDraft() throws Exception {
    String id = create("Draft");
    assertThat(id).matches("[0-9a-f]{16}");

    Run status = herald(key, "campaign", "status", id, "--json");
    JsonNode campaign = new ObjectMapper().readTree(status.out());
    assertThat(campaign.get("state").asText()).isEqualTo("draft");
    assertThat(campaign.get("list").asText()).isEqualTo("news");
  }

  @Test
  void startingSnapshotsTheAudienceAndASecondStartIsAConflict() throws Exception {
    String id = create("Start me");

    Run started = herald(key, "campaign", "start", id, "--json");
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(new ObjectMapper().readTree(started.out()).get("recipients").asLong()).isEqualTo(2);
    Run again = herald(key, "campaign", "start", id);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("only a draft can be started");
  }

  @Test
  void pauseResumeAndCancelMoveTheState() throws Exception {
    String id = create("Steer me");
    herald(key, "campaign", "start", id);

    assertThat(herald(key, "campaign", "pause", id).out()).contains("paused");
    assertThat(herald(key, "campaign", "resume", id).out()).contains("sending");
    assertThat(herald(key, "campaign", "cancel", id).out()).contains("cancelled");
    assertThat(herald(key, "campaign", "resume", id).code()).isEqualTo(1);
  }

  @Test
  void badInputIsRefusedWithExitTwo() {
    Run badSender =
        herald(
            key,
            "campaign",
            "create",
            "--list",
            "news",
            "--from",
            "not-an-address",
            "--subject",
            "S",
            "--html",
            html.toString());
    assertThat(badSender.code()).isEqualTo(2);
    assertThat(badSender.err()).contains("invalid from address");

    Run missingList =
        herald(
            key,
            "campaign",
            "create",
            "--list",
            "nope",
            "--from",
            "a@sender.example",
            "--subject",
            "S",
            "--html",
            html.toString());
    assertThat(missingList.code()).isEqualTo(2);
    assertThat(missingList.err()).contains("no list");

    Run missingFile =
        herald(
            key,
            "campaign",
            "create",
            "--list",
            "news",
            "--from",
            "a@b.example",
            "--subject",
            "S",
            "--html",
            "/nonexistent.html");
    assertThat(missingFile.code()).isEqualTo(2);
  }

  @Test
  void anotherAccountCannotSeeOrSteerTheCampaign() throws Exception {
    String id = create("Private");

    assertThat(herald(otherKey, "campaign", "status", id).code()).isEqualTo(2); // 404
    assertThat(herald(otherKey, "campaign", "start", id).code()).isEqualTo(2);
    assertThat(node.get("/api/campaigns", otherKey).body()).doesNotContain(id);
    assertThat(herald(key, "campaign", "status", id, "--json").out()).contains("\"draft\"");
  }

  @Test
  void previewPrintsTheExactMessageAListContactWouldGet() {
    String id = create("Preview {{name}}");

    Run preview = herald(key, "campaign", "preview", id, "--email", "A@example.com");

    assertThat(preview.code()).as(preview.err()).isZero();
    assertThat(preview.out())
        .contains("RCPT TO:<a@example.com>")
        .contains("Subject: Preview A")
        .contains("List-Unsubscribe:")
        .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    assertThat(herald(key, "campaign", "preview", id, "--email", "bad").code()).isEqualTo(2);
  }
}
