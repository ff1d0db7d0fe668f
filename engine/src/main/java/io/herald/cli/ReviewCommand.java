package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code herald review …}: administrators act on campaigns their canary held (R6, R8). */
@Command(
    name = "review",
    description = "Review campaigns held by their canary (administrator).",
    subcommands = {
      ReviewCommand.ListHeld.class,
      ReviewCommand.Approve.class,
      ReviewCommand.Reject.class
    })
final class ReviewCommand {
  @ParentCommand HeraldCli cli;

  /** {@code herald review list [--json]}: held campaigns with their canary reports. */
  @Command(name = "list", description = "List held campaigns with their canary reports.")
  static final class ListHeld implements Callable<Integer> {
    @ParentCommand ReviewCommand parent;

    @Option(names = "--json", description = "print the list as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      try {
        JsonNode held =
            cli.json()
                .createObjectNode()
                .set("held", cli.adminClient().all("api/admin/review", "held"));
        if (json) {
          cli.out().println(cli.json().writeValueAsString(held));
          return HeraldCli.EXIT_OK;
        }
        if (held.path("held").isEmpty()) {
          cli.out().println("no campaign is held");
        }
        for (JsonNode c : held.path("held")) {
          cli.out()
              .printf(
                  "campaign %s (account %s, from %s, %d recipients): \"%s\"%n%s%n%n",
                  c.path("id").asText(),
                  c.path("account").asText(),
                  c.path("fromAddress").asText(),
                  c.path("recipients").asLong(),
                  c.path("subject").asText(),
                  c.path("canary").path("report").asText());
        }
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /**
   * {@code herald review approve ID [--note TEXT]}: after a canary hold the rest of the audience is
   * sent; after a content hold (R7) the campaign's canary starts.
   */
  @Command(
      name = "approve",
      description =
          "Release a held campaign: to the rest of its audience after a canary hold, to its canary"
              + " after a content hold.")
  static final class Approve implements Callable<Integer> {
    @ParentCommand ReviewCommand parent;

    @Parameters(paramLabel = "ID", description = "the campaign's id")
    String id;

    @Option(names = "--note", defaultValue = "", description = "why (kept in the audit trail)")
    String note;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        cli.adminClient()
            .post(
                "api/admin/review/" + HeraldClient.encode(id) + "/approve", Map.of("reason", note));
        cli.out().println("campaign " + id + " approved; the rest of its audience is being sent");
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald review reject ID --reason TEXT}: the rest is never sent. */
  @Command(name = "reject", description = "Reject a held campaign; the rest is never sent.")
  static final class Reject implements Callable<Integer> {
    @ParentCommand ReviewCommand parent;

    @Parameters(paramLabel = "ID", description = "the campaign's id")
    String id;

    @Option(names = "--reason", required = true, description = "shown to the account")
    String reason;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        cli.adminClient()
            .post(
                "api/admin/review/" + HeraldClient.encode(id) + "/reject",
                Map.of("reason", reason));
        cli.out().println("campaign " + id + " rejected: " + reason);
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }
}
