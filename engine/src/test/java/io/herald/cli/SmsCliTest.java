package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.testing.Await;
import io.herald.testing.RecordingGateway;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald send --sms} and {@code herald sms preview} against a real server. */
class SmsCliTest {
  @TempDir static Path data;
  @TempDir static Path files;
  static final RecordingGateway gateway = new RecordingGateway();
  static TestNode node;
  static String key;

  record Run(int code, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(TestNode.config(data), Clock.systemUTC(), TestNode.sms(gateway));
    key = node.createAccount("Sender");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run herald(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_URL", node.baseUrl());
    env.put("HERALD_API_KEY", key);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @Test
  void sendSmsPrintsTheIdAndTheStatusShowsTheNumberSubmitted() throws Exception {
    Path text = Files.writeString(files.resolve("code.txt"), "Ваш код: 4711");
    String[] send = {
      "send",
      "--sms",
      "+380 50 765 43 21",
      "--from",
      "ShopUA",
      "--text",
      text.toString(),
      "--idempotency-key",
      "cli-otp-1"
    };
    Run sent = herald(send);
    assertThat(sent.code()).as(sent.err()).isZero();
    String id = sent.lastLine();
    assertThat(id).matches("[0-9a-f]{16}");
    Run again = herald(send);
    assertThat(again.lastLine()).isEqualTo(id);

    JsonNode status =
        Await.until(
            () -> new ObjectMapper().readTree(herald("message", "status", id, "--json").out()),
            s -> "submitted".equals(s.path("status").asText()));
    assertThat(status.get("channel").asText()).isEqualTo("sms");
    assertThat(herald("message", "status", id).out())
        .contains("from ShopUA, SMS,")
        .contains("+380507654321: submitted, 1 attempt(s), SMSC ids smsc-");
    assertThat(gateway.submittedTo("+380507654321")).hasSize(1);

    Run inline =
        herald("send", "--sms", "+380441234567", "--from", "+380441112233", "--message", "Hi");
    assertThat(inline.code()).as(inline.err()).isZero();
  }

  @Test
  void previewShowsTheEncodingAndParts() {
    Run gsm = herald("sms", "preview", "--message", "a".repeat(161));
    assertThat(gsm.code()).as(gsm.err()).isZero();
    assertThat(gsm.out().strip())
        .isEqualTo("GSM-7, 161 characters, 161 units: 2 parts (up to 153 units per part)");
    Run ucs = herald("sms", "preview", "--message", "Привіт", "--json");
    assertThat(ucs.out()).contains("\"encoding\":\"UCS-2\"").contains("\"parts\":1");
  }

  @Test
  void badInputIsExitCodeTwoWithOneLine() {
    Run[] runs = {
      herald("send", "--sms", "0501234567", "--from", "ShopUA", "--message", "Hi"),
      herald("send", "--sms", "+380501234567", "--from", "Shop UA!", "--message", "Hi"),
      herald("send", "--sms", "+380501234567", "--from", "ShopUA", "--message", ""),
      herald("send", "--sms", "+380501234567", "--from", "ShopUA"),
      herald(
          "send",
          "--sms",
          "+380501234567",
          "--from",
          "ShopUA",
          "--subject",
          "S",
          "--message",
          "Hi"),
      herald(
          "send",
          "--sms",
          "+380501234567",
          "--to",
          "a@example.org",
          "--from",
          "ShopUA",
          "--message",
          "Hi"),
      herald(
          "send",
          "--sms",
          "+380501234567",
          "--from",
          "ShopUA",
          "--text",
          files.resolve("none.txt").toString()),
      herald("sms", "preview", "--message", ""),
      herald("sms", "preview")
    };
    for (Run run : runs) {
      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
      assertThat(run.err().strip()).startsWith("herald:").doesNotContain("Exception");
    }
    assertThat(runs[0].err().strip().lines()).hasSize(1);
    assertThat(runs[0].err()).contains("to[0]");
    assertThat(runs[1].err()).contains("from");
    assertThat(runs[4].err()).contains("--subject is for an email");
  }
}
