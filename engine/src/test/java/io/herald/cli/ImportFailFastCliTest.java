package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald import} ends a refused import at once with exit 2, one line on stderr and, with
 * {@code --json}, one JSON object on stdout that shows no counts: nothing was imported. A file over
 * the server's size limit is refused before it is uploaded.
 */
class ImportFailFastCliTest {
  private static final long LIMIT = 64 * 1024;

  @TempDir static Path data;
  @TempDir Path files;
  static TestNode node;
  static String apiKey;
  final ObjectMapper json = new ObjectMapper();

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    HeraldConfig config = TestNode.config(data);
    node =
        TestNode.start(config.withHttp(new HttpConfig("127.0.0.1", 0, LIMIT)), Clock.systemUTC());
    apiKey = node.createAccount("Fail Fast Ltd");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run herald(String... args) {
    return herald(node, apiKey, args);
  }

  static Run herald(TestNode server, String key, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            Map.of("HERALD_URL", server.baseUrl(), "HERALD_API_KEY", key),
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8),
            args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeItIsUploaded(@TempDir Path ownData) throws Exception {
    Path big = files.resolve("big.csv");
    try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
      sparse.setLength(3L << 30); // 3 GiB that take no disk
    }
    // A node of its own: no other upload has created its spool directory.
    HeraldConfig config = TestNode.config(ownData);
    try (TestNode fresh =
        TestNode.start(config.withHttp(new HttpConfig("127.0.0.1", 0, LIMIT)), Clock.systemUTC())) {
      String key = fresh.createAccount("Big Files Ltd");

      Run run = herald(fresh, key, "import", big.toString(), "--list", "big", "--json");

      assertRefusedBeforeUpload(run);
      // The server refused on the declared length: it never began to spool the body.
      assertThat(ownData.resolve("uploads")).doesNotExist();
      assertThat(fresh.get("/api/lists/big", key).statusCode()).isEqualTo(404);
    }
  }

  private void assertRefusedBeforeUpload(Run run) throws Exception {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip().lines()).singleElement().asString().contains("larger than 65536");
    JsonNode result = json.readTree(run.out());
    assertThat(run.out().strip().lines()).hasSize(1);
    assertThat(result.get("status").asText()).isEqualTo("refused");
    assertThat(result.get("reason").asText()).contains("3221225472 bytes").contains("65536");
    assertThat(result.has("accepted")).isFalse();
  }

  @Test
  void aRefusedFileShowsNoCountsInTheCliOrTheApi() throws Exception {
    Path empty = Files.write(files.resolve("empty.csv"), new byte[0]);

    Run run = herald("import", empty.toString(), "--list", "nothing", "--json");

    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip().lines()).singleElement().asString().contains("empty");
    JsonNode result = json.readTree(run.out());
    assertThat(result.get("status").asText()).isEqualTo("refused");
    assertThat(result.has("accepted")).as(run.out()).isFalse();
    JsonNode job = node.json(node.get("/api/imports/" + result.get("id").asText(), apiKey));
    assertThat(job.get("status").asText()).isEqualTo("refused");
    assertThat(job.has("accepted")).as(job.toString()).isFalse();
    assertThat(job.has("rejected")).isFalse();
  }

  @Test
  void aFileUnderTheLimitIsStillUploadedAndImported() throws Exception {
    Path csv = Files.writeString(files.resolve("ok.csv"), "email\nok@example.com\n");

    Run run = herald("import", csv.toString(), "--list", "ok", "--json");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(json.readTree(run.out()).get("accepted").asLong()).isEqualTo(1);
  }
}
