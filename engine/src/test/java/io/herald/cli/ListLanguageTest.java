package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list's language ({@code uk} or {@code en}: what its SMS opt-out line and unsubscribe page
 * speak), set when an import creates or names the list, through the API and the CLI, against a real
 * node: Ukrainian unless said otherwise, kept by later imports that do not say, refused (writing
 * nothing) when it is neither.
 */
class ListLanguageTest {
  @TempDir static Path data;
  @TempDir Path files;
  static TestNode node;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Languages Co");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static byte[] csv() {
    return "email,phone\nann@example.com,+380671234567\n".getBytes(UTF_8);
  }

  static String language(String list) throws Exception {
    HttpResponse<String> response = node.get("/api/lists/" + list, key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return node.json(response).get("language").asText();
  }

  static HttpResponse<String> upload(String list, String query) throws Exception {
    return node.post(
        "/api/lists/" + list + "/imports?filename=a.csv" + query,
        key,
        "application/octet-stream",
        csv());
  }

  static JsonNode imported(HttpResponse<String> started) throws Exception {
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = node.json(started).get("id").asText();
    return io.herald.testing.Await.until(
        () -> node.json(node.get("/api/imports/" + id, key)),
        job -> !"running".equals(job.get("status").asText()));
  }

  @Test
  void aListIsUkrainianUnlessItsImportSaysOtherwise() throws Exception {
    node.importFile(key, "plain", "a.csv", csv());
    assertThat(language("plain")).isEqualTo("uk");

    assertThat(imported(upload("english", "&language=en")).get("status").asText())
        .isEqualTo("completed");
    assertThat(language("english")).isEqualTo("en");
    JsonNode lists = node.json(node.get("/api/lists", key)).get("lists");
    assertThat(lists)
        .anySatisfy(
            l -> {
              assertThat(l.get("name").asText()).isEqualTo("english");
              assertThat(l.get("language").asText()).isEqualTo("en");
            });
  }

  @Test
  void aLaterImportKeepsTheLanguageUnlessItNamesOne() throws Exception {
    imported(upload("switching", "&language=EN"));
    assertThat(language("switching")).isEqualTo("en");

    imported(upload("switching", ""));
    assertThat(language("switching")).isEqualTo("en");

    imported(upload("switching", "&language=uk"));
    assertThat(language("switching")).isEqualTo("uk");
  }

  @Test
  void anotherLanguageIsRefusedWith422AndNothingIsWritten() throws Exception {
    for (String bad : new String[] {"ru", "", "ukr", "en-GB"}) {
      HttpResponse<String> refused = upload("refused", "&language=" + bad);
      assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(422);
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(refused.body()).contains("language").contains("uk").contains("en");
    }
    assertThat(node.get("/api/lists/refused", key).statusCode()).isEqualTo(404);
    assertThat(node.json(node.get("/api/imports", key)).get("imports"))
        .noneSatisfy(job -> assertThat(job.get("list").asText()).isEqualTo("refused"));

    // An existing list keeps its language when a refused import names another.
    imported(upload("kept", "&language=en"));
    assertThat(upload("kept", "&language=de").statusCode()).isEqualTo(422);
    assertThat(language("kept")).isEqualTo("en");
  }

  @Test
  void theCliTakesLanguageAndRefusesAnyOtherWithExitTwo() throws Exception {
    Path csv = Files.write(files.resolve("people.csv"), csv());

    CliTest.Run run = herald("import", csv.toString(), "--list", "cli-en", "--language", "en");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(language("cli-en")).isEqualTo("en");

    CliTest.Run refused = herald("import", csv.toString(), "--list", "cli-de", "--language", "de");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().strip().lines()).singleElement().asString().contains("language");
    assertThat(node.get("/api/lists/cli-de", key).statusCode()).isEqualTo(404);
  }

  static CliTest.Run herald(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            Map.of("HERALD_URL", node.baseUrl(), "HERALD_API_KEY", key),
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8),
            args);
    return new CliTest.Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }
}
