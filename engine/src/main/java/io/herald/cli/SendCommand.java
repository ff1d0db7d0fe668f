package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald send …}: one transactional message through {@code POST /api/messages}, an email
 * ({@code --to}) or an SMS ({@code --sms}); prints the message id alone on its last line. With
 * {@code --idempotency-key}, running the same command again prints the same id and sends nothing
 * new. An option that does not fit the channel is exit 2 with a one-line reason, before anything is
 * sent.
 */
@Command(
    name = "send",
    description = "Send one transactional email (--to) or SMS (--sms); prints its id last.")
final class SendCommand implements Callable<Integer> {
  @ParentCommand HeraldCli cli;

  @Option(names = "--to", paramLabel = "ADDR", description = "email recipient (repeat)")
  List<String> to;

  @Option(
      names = "--sms",
      paramLabel = "PHONE",
      description = "SMS recipient, written internationally: +380501234567 (repeat)")
  List<String> sms;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FROM",
      description = "sender address; for an SMS the sender ID (ShopUA, or +380…)")
  String from;

  @Option(names = "--from-name", paramLabel = "NAME")
  String fromName;

  @Option(names = "--reply-to", paramLabel = "ADDR")
  String replyTo;

  @Option(names = "--subject", paramLabel = "TEXT", description = "email subject (required)")
  String subject;

  @ArgGroup(exclusive = false)
  Bodies bodies = new Bodies();

  @Option(names = "--idempotency-key", paramLabel = "K", description = "send at most once per K")
  String idempotencyKey;

  /** The bodies: files, or the text itself. */
  static final class Bodies {
    @Option(names = "--html", paramLabel = "FILE")
    Path html;

    @Option(names = "--text", paramLabel = "FILE", description = "the text body (or SMS text)")
    Path text;

    @Option(
        names = "--message",
        paramLabel = "TEXT",
        description = "the text itself, instead of --text FILE")
    String message;
  }

  @Override
  public Integer call() throws Exception {
    Optional<String> wrong = problem();
    if (wrong.isPresent()) {
      cli.err().println("herald: " + wrong.get());
      return HeraldCli.EXIT_BAD_INPUT;
    }
    for (Path file : new Path[] {bodies.html, bodies.text}) {
      if (file != null && !Files.isReadable(file)) {
        cli.err().println("herald: cannot read " + file);
        return HeraldCli.EXIT_BAD_INPUT;
      }
    }
    String text = bodies.message != null ? bodies.message : read(bodies.text);
    Map<String, Object> body = new LinkedHashMap<>();
    if (sms != null) {
      body.put("channel", "sms");
      body.put("to", sms);
      body.put("from", from);
      body.put("text", text);
    } else {
      body.put("to", to);
      body.put("from", from);
      body.put("fromName", fromName);
      body.put("replyTo", replyTo);
      body.put("subject", subject);
      body.put("html", read(bodies.html));
      body.put("text", text);
    }
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

  /** Why the options do not make one email or one SMS, if they do not. */
  private Optional<String> problem() {
    if ((to == null) == (sms == null)) {
      return Optional.of("give --to ADDR for an email or --sms PHONE for an SMS (not both)");
    }
    if (bodies.text != null && bodies.message != null) {
      return Optional.of("give --text FILE or --message TEXT, not both");
    }
    if (sms == null) {
      if (subject == null) {
        return Optional.of("an email needs --subject");
      }
      return bodies.html == null && bodies.text == null && bodies.message == null
          ? Optional.of("an email needs --html FILE and/or --text FILE (or --message TEXT)")
          : Optional.empty();
    }
    Map<String, Object> emailOnly = new LinkedHashMap<>();
    emailOnly.put("--subject", subject);
    emailOnly.put("--html", bodies.html);
    emailOnly.put("--from-name", fromName);
    emailOnly.put("--reply-to", replyTo);
    for (Map.Entry<String, Object> option : emailOnly.entrySet()) {
      if (option.getValue() != null) {
        return Optional.of(option.getKey() + " is for an email, not an SMS");
      }
    }
    return bodies.text == null && bodies.message == null
        ? Optional.of("an SMS needs --text FILE or --message TEXT")
        : Optional.empty();
  }

  static String read(Path file) throws java.io.IOException {
    return file == null ? null : Files.readString(file, StandardCharsets.UTF_8);
  }
}
