package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald send …}: one transactional message through {@code POST /api/messages}; prints the
 * message id alone on its last line. With {@code --idempotency-key}, running the same command again
 * prints the same id and sends nothing new.
 */
@Command(name = "send", description = "Send one transactional message; prints its id last.")
final class SendCommand implements Callable<Integer> {
  @ParentCommand HeraldCli cli;

  @Option(names = "--to", required = true, paramLabel = "ADDR", description = "recipient (repeat)")
  List<String> to;

  @Option(names = "--from", required = true, paramLabel = "ADDR", description = "sender address")
  String from;

  @Option(names = "--from-name", paramLabel = "NAME")
  String fromName;

  @Option(names = "--reply-to", paramLabel = "ADDR")
  String replyTo;

  @Option(names = "--subject", required = true, paramLabel = "TEXT")
  String subject;

  @ArgGroup(exclusive = false, multiplicity = "1")
  Bodies bodies;

  @Option(names = "--idempotency-key", paramLabel = "K", description = "send at most once per K")
  String idempotencyKey;

  /** At least one of the two bodies. */
  static final class Bodies {
    @Option(names = "--html", paramLabel = "FILE")
    Path html;

    @Option(names = "--text", paramLabel = "FILE")
    Path text;
  }

  @Override
  public Integer call() throws Exception {
    for (Path file : new Path[] {bodies.html, bodies.text}) {
      if (file != null && !Files.isReadable(file)) {
        cli.err().println("herald: cannot read " + file);
        return HeraldCli.EXIT_BAD_INPUT;
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", to);
    body.put("from", from);
    body.put("fromName", fromName);
    body.put("replyTo", replyTo);
    body.put("subject", subject);
    body.put("html", read(bodies.html));
    body.put("text", read(bodies.text));
    Map<String, String> headers =
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    try {
      JsonNode sent = cli.accountClient().post("api/messages", body, headers);
      cli.out()
          .println(
              sent.path("replayed").asBoolean()
                  ? "already accepted with this idempotency key ("
                      + sent.path("status").asText()
                      + "):"
                  : "message accepted (" + sent.path("status").asText() + "):");
      cli.out().println(sent.get("id").asText());
      return HeraldCli.EXIT_OK;
    } catch (HeraldClient.ApiProblem e) {
      return Failures.report(cli, e);
    }
  }

  private static String read(Path file) throws java.io.IOException {
    return file == null ? null : Files.readString(file, StandardCharsets.UTF_8);
  }
}
