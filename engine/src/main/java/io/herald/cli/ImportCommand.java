package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audience.ListLanguages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald import FILE --list NAME}: uploads a TXT, CSV, XLS or XLSX file and follows the
 * import to its end. Exit 0 when it completed, 2 when the file was refused (nothing imported), 1 on
 * any other failure. With {@code --json}, stdout is exactly one JSON object.
 */
@Command(name = "import", description = "Import a TXT, CSV, XLS or XLSX file into a list.")
final class ImportCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int ISSUES_SHOWN = 20;
  private static final List<String> COUNTS =
      List.of("accepted", "rejected", "duplicates", "suppressed", "blocked");

  @ParentCommand HeraldCli cli;

  @Parameters(paramLabel = "FILE", description = "the file to import")
  Path file;

  @Option(names = "--list", required = true, paramLabel = "NAME", description = "target list")
  String list;

  @Option(
      names = "--consent",
      paramLabel = "TEXT",
      description = "the statement the contacts agreed to (default: the list's)")
  String consent;

  @Option(
      names = "--language",
      paramLabel = "uk|en",
      description =
          "the list's language, for its SMS opt-out line and unsubscribe page (default: the"
              + " list's; a new list: uk)")
  String language;

  @Option(names = "--json", description = "print one JSON object with the counts")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      cli.err().println("herald: cannot read " + file);
      printError("refused", "cannot read " + file);
      return HeraldCli.EXIT_BAD_INPUT;
    }
    if (Failures.refusedListName(cli, list)) {
      return HeraldCli.EXIT_BAD_INPUT;
    }
    if (language != null && ListLanguages.parse(language).isEmpty()) {
      cli.err().println("herald: " + ListLanguages.refusal(language));
      printError("refused", ListLanguages.refusal(language));
      return HeraldCli.EXIT_BAD_INPUT;
    }
    HeraldClient client = cli.accountClient();
    try (Progress progress = Progress.start(Files.size(file))) {
      String path =
          "api/lists/"
              + HeraldClient.encode(list)
              + "/imports?filename="
              + HeraldClient.encode(file.getFileName().toString())
              + (consent == null ? "" : "&consent=" + HeraldClient.encode(consent))
              + (language == null ? "" : "&language=" + HeraldClient.encode(language));
      JsonNode job = client.upload(path, file, progress::uploaded);
      while ("running".equals(job.get("status").asText())) {
        progress.rows(job.get("rows").asLong());
        Thread.sleep(POLL);
        job = client.get("api/imports/" + job.get("id").asText());
      }
      progress.close();
      return finish(client, job);
    } catch (HeraldClient.ApiProblem e) {
      // A file over the size limit ends here at once (413 before the upload), as does any other
      // refusal of the request itself.
      int code = Failures.report(cli, e);
      printError(code == HeraldCli.EXIT_BAD_INPUT ? "refused" : "failed", e.getMessage());
      return code;
    }
  }

  /** With {@code --json}: the one object, for an import that never started. */
  private void printError(String status, String reason) throws Exception {
    if (json) {
      ObjectNode result = cli.json().createObjectNode();
      result.put("list", list).put("file", file.getFileName().toString());
      result.put("status", status).put("reason", reason);
      cli.out().println(cli.json().writeValueAsString(result));
    }
  }

  private int finish(HeraldClient client, JsonNode job) throws Exception {
    String status = job.get("status").asText();
    if (json) {
      ObjectNode result = cli.json().createObjectNode();
      result.put("id", job.get("id").asText()).put("list", job.get("list").asText());
      result.put("status", status);
      // A refused or failed import has no counts: it imported nothing.
      COUNTS.stream().filter(job::has).forEach(c -> result.put(c, job.get(c).asLong()));
      if (job.hasNonNull("reason")) {
        result.put("reason", job.get("reason").asText());
      }
      cli.out().println(cli.json().writeValueAsString(result));
    } else if ("completed".equals(status)) {
      cli.out()
          .printf(
              "imported %s into list \"%s\": %d accepted, %d rejected, %d duplicates, %d"
                  + " suppressed, %d blocked%n",
              job.get("file").asText(),
              job.get("list").asText(),
              job.get("accepted").asLong(),
              job.get("rejected").asLong(),
              job.get("duplicates").asLong(),
              job.get("suppressed").asLong(),
              job.get("blocked").asLong());
      showIssues(client, job);
    }
    return switch (status) {
      case "completed" -> HeraldCli.EXIT_OK;
      case "refused" -> {
        cli.err().println("herald: file refused, nothing imported: " + job.get("reason").asText());
        yield HeraldCli.EXIT_BAD_INPUT;
      }
      default -> {
        cli.err().println("herald: " + job.path("reason").asText("import failed"));
        yield HeraldCli.EXIT_FAILURE;
      }
    };
  }

  private void showIssues(HeraldClient client, JsonNode job) throws HeraldClient.ApiProblem {
    String id = job.get("id").asText();
    long total =
        job.get("rejected").asLong() + job.get("suppressed").asLong() + job.get("blocked").asLong();
    if (total == 0) {
      return;
    }
    JsonNode rows = client.get("api/imports/" + id + "/rows?limit=" + ISSUES_SHOWN).get("rows");
    for (JsonNode row : rows) {
      cli.out()
          .printf(
              "  row %d: %s: %s (%s)%n",
              row.get("row").asLong(),
              row.get("kind").asText(),
              row.get("reason").asText(),
              row.get("value").asText());
    }
    if (total > ISSUES_SHOWN) {
      cli.out().printf("  … %d more: GET /api/imports/%s/rows%n", total - ISSUES_SHOWN, id);
    }
  }
}
