package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

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

/** {@code herald send} and {@code herald message status} against a real server. */
class MessageCliTest {
  @TempDir static Path data;
  @TempDir static Path files;
  static TestNode node;
  static String key;
  static Path text;

  record Run(int code, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Sender");
    node.attestDomain(key, "app.example");
    text = Files.writeString(files.resolve("body.txt"), "Your code is 1234.");
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
  void sendPrintsTheIdLastAndTheSameKeyGivesTheSameId() throws Exception {
    String[] send = {
      "send",
      "--to",
      "ann@example.org",
      "--from",
      "codes@app.example",
      "--subject",
      "Your code",
      "--text",
      text.toString(),
      "--idempotency-key",
      "code-1"
    };
    Run first = herald(send);
    Run again = herald(send);

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.lastLine()).matches("[0-9a-f]{16}");
    assertThat(again.lastLine()).isEqualTo(first.lastLine());
    assertThat(again.out()).contains("already accepted");

    Run status = herald("message", "status", first.lastLine());
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains("message " + first.lastLine()).contains("ann@example.org");
    Run json = herald("message", "status", first.lastLine(), "--json");
    assertThat(new ObjectMapper().readTree(json.out()).get("id").asText())
        .isEqualTo(first.lastLine());
  }

  @Test
  void badInputIsExitCodeTwoWithOneLine() {
    Run injected =
        herald(
            "send",
            "--to",
            "ann@example.org\r\nBcc: x@y.org",
            "--from",
            "codes@app.example",
            "--subject",
            "S",
            "--text",
            text.toString());
    assertThat(injected.code()).isEqualTo(2);
    assertThat(injected.err().strip().lines()).hasSize(1);

    assertThat(
            herald("send", "--to", "a@example.org", "--from", "b@app.example", "--subject", "S")
                .code())
        .isEqualTo(2); // neither --html nor --text
    assertThat(herald("message", "status", "0123456789abcdef").code()).isEqualTo(2);
  }
}
