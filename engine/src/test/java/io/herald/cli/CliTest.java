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

/** The CLI against a real server: output shapes and exit codes a script can rely on. */
class CliTest {
  @TempDir static Path data;
  @TempDir Path files;
  static TestNode node;
  static String apiKey;

  /** What one command line printed and returned. */
  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    Run created =
        herald(Map.of("HERALD_ADMIN_TOKEN", TestNode.ADMIN_TOKEN), "account", "create", "Cli Co");
    assertThat(created.code()).isZero();
    String[] lines = created.out().strip().split("\n");
    apiKey = lines[lines.length - 1];
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run herald(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("HERALD_URL", node.baseUrl());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  static Run account(String... args) {
    return herald(Map.of("HERALD_API_KEY", apiKey), args);
  }

  @Test
  void accountCreatePrintsTheApiKeyAloneOnItsLastLine() {
    assertThat(apiKey).startsWith("hk_").doesNotContain(" ");
  }

  @Test
  void aListNameTheServerWouldRefuseIsRefusedBeforeAnythingIsSent() throws Exception {
    Path csv = Files.writeString(files.resolve("names.csv"), "email\na@example.com\n");
    for (String name : new String[] {"../x", "a/b", "tab\tname"}) {
      Run run = account("import", csv.toString(), "--list", name);
      assertThat(run.code()).as(name).isEqualTo(2);
      assertThat(run.err().strip().lines()).singleElement().asString().contains("list name");
    }
  }

  @Test
  void importWithJsonPrintsExactlyOneObjectWithTheCounts() throws Exception {
    Path csv =
        Files.writeString(
            files.resolve("people.csv"), "email\na@example.com\nbad\na@example.com\n");

    Run run = account("import", csv.toString(), "--list", "cli", "--json");

    assertThat(run.code()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out());
    assertThat(result.get("accepted").asLong()).isEqualTo(1);
    assertThat(result.get("rejected").asLong()).isEqualTo(1);
    assertThat(result.get("duplicates").asLong()).isEqualTo(1);
    assertThat(result.get("suppressed").asLong()).isZero();
    assertThat(result.get("blocked").asLong()).isZero();
    assertThat(run.out().strip().lines()).hasSize(1);
  }

  @Test
  void aRefusedFileExitsWithTwoAndSaysWhy() throws Exception {
    Path empty = Files.write(files.resolve("empty.csv"), new byte[0]);

    Run run = account("import", empty.toString(), "--list", "cli-refused");

    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("refused").contains("empty");
  }

  @Test
  void aMissingFileExitsWithTwo() {
    Run run = account("import", files.resolve("nope.csv").toString(), "--list", "x");
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read");
  }

  @Test
  void anUnreachableServerExitsWithOne() {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_API_KEY", apiKey);
    env.put("HERALD_URL", "http://127.0.0.1:1");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env,
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, UTF_8),
            "lists");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(UTF_8)).contains("cannot reach Herald");
  }

  @Test
  void listsJsonAndContactsExportShowTheImportedList() throws Exception {
    Path txt = Files.writeString(files.resolve("few.txt"), "x@example.com; y@example.com\n");
    assertThat(account("import", txt.toString(), "--list", "few").code()).isZero();

    JsonNode lists = new ObjectMapper().readTree(account("lists", "--json").out());
    assertThat(lists)
        .anySatisfy(
            l -> {
              assertThat(l.get("name").asText()).isEqualTo("few");
              assertThat(l.get("members").asLong()).isEqualTo(2);
            });
    Run export = account("contacts", "export", "--list", "few");
    assertThat(export.code()).isZero();
    assertThat(export.out())
        .startsWith("email,phone,name")
        .contains("x@example.com")
        .contains("y@example.com");
  }

  @Test
  void withoutAnApiKeyTheCommandSaysWhatIsMissing() {
    Run run = herald(Map.of(), "lists");
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("HERALD_API_KEY");
  }
}
