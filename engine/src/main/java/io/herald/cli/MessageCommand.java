package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code herald message …}: follow transactional messages. */
@Command(
    name = "message",
    description = "Follow transactional messages.",
    subcommands = {MessageCommand.Status.class})
final class MessageCommand {
  @ParentCommand HeraldCli cli;

  /** {@code herald message status ID [--json]}: the message and each recipient's state. */
  @Command(name = "status", description = "Show a message's state per recipient.")
  static final class Status implements Callable<Integer> {
    @ParentCommand MessageCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "print the message as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      try {
        JsonNode message = cli.accountClient().get("api/messages/" + HeraldClient.encode(id));
        if (json) {
          cli.out().println(cli.json().writeValueAsString(message));
          return HeraldCli.EXIT_OK;
        }
        boolean sms = "sms".equals(message.path("channel").asText());
        cli.out()
            .printf(
                "message %s: %s, from %s, %s, accepted %s%n",
                message.path("id").asText(),
                message.path("status").asText(),
                message.path("from").asText(),
                sms ? "SMS" : "\"" + message.path("subject").asText() + "\"",
                message.path("createdAt").asText());
        for (JsonNode recipient : message.path("recipients")) {
          cli.out().println("  " + line(recipient));
        }
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }

    private static String line(JsonNode r) {
      StringBuilder out =
          new StringBuilder(r.path("address").asText() + ": " + r.path("status").asText());
      if (r.has("bounce")) {
        out.append(" (").append(r.path("bounce").asText()).append(")");
      }
      if (r.has("attempts")) {
        out.append(", ").append(r.path("attempts").asInt()).append(" attempt(s)");
      }
      if (r.has("nextTry")) {
        out.append(", next try ").append(r.path("nextTry").asText());
      }
      if (r.has("reply")) {
        out.append(": ").append(r.path("reply").asText());
      }
      if (r.has("reason")) {
        out.append(": ").append(r.path("reason").asText());
      }
      if (r.has("messageIds")) {
        out.append(", SMSC ids ")
            .append(
                String.join(
                    " ", r.path("messageIds").valueStream().map(JsonNode::asText).toList()));
      }
      if (r.hasNonNull("error") && !r.path("error").asText().isEmpty()) {
        out.append(", error ").append(r.path("error").asText());
      }
      return out.toString();
    }
  }
}
