package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald account …}: administrator commands for tenants, and {@code usage}, an account's own
 * view of its quota.
 */
@Command(
    name = "account",
    description = "Manage accounts (administrator).",
    subcommands = {
      AccountCommand.Create.class,
      AccountCommand.Delete.class,
      AccountCommand.Freeze.class,
      AccountCommand.Unfreeze.class,
      UsageCommand.class,
      PlanCommands.Change.class,
      PlanCommands.Ledger.class,
      PlanCommands.TopUp.class
    })
final class AccountCommand {
  @ParentCommand HeraldCli cli;

  /** {@code herald account create NAME}: prints the new API key alone on its last line. */
  @Command(name = "create", description = "Create an account; prints its API key last.")
  static final class Create implements Callable<Integer> {
    @ParentCommand AccountCommand parent;

    @Parameters(paramLabel = "NAME", description = "the account's name")
    String name;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        JsonNode created = cli.adminClient().post("api/admin/accounts", Map.of("name", name));
        cli.out()
            .println(
                "account "
                    + created.get("id").asText()
                    + " \""
                    + created.get("name").asText()
                    + "\" created; its API key (shown once):");
        cli.out().println(created.get("apiKey").asText());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald account delete ID}: removes the account and all of its data, irreversibly. */
  @Command(name = "delete", description = "Delete an account and all of its data (irreversible).")
  static final class Delete implements Callable<Integer> {
    @ParentCommand AccountCommand parent;

    @Parameters(paramLabel = "ID", description = "the account's id")
    String id;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        cli.adminClient().delete("api/admin/accounts/" + HeraldClient.encode(id));
        cli.out().println("account " + id + " and all of its data deleted");
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald account freeze ID --reason TEXT}: the account may read but not send (R8). */
  @Command(name = "freeze", description = "Freeze an account: it may read but not send.")
  static final class Freeze implements Callable<Integer> {
    @ParentCommand AccountCommand parent;

    @Parameters(paramLabel = "ID", description = "the account's id")
    String id;

    @Option(names = "--reason", required = true, description = "why (shown to the account)")
    String reason;

    @Option(names = "--by", description = "who freezes it, for the audit trail (default: $USER)")
    String by;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        JsonNode account =
            cli.adminClient()
                .post(
                    "api/admin/accounts/" + HeraldClient.encode(id) + "/freeze",
                    Map.of("reason", reason, "by", operator(by)));
        cli.out()
            .println(
                "account "
                    + id
                    + " frozen: "
                    + account.path("frozen").path("reason").asText()
                    + " (its sending campaigns are paused; queued messages are held)");
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald account unfreeze ID}: the account may send again. */
  @Command(name = "unfreeze", description = "Unfreeze an account; paused campaigns stay paused.")
  static final class Unfreeze implements Callable<Integer> {
    @ParentCommand AccountCommand parent;

    @Parameters(paramLabel = "ID", description = "the account's id")
    String id;

    @Option(names = "--by", description = "who unfreezes it, for the audit trail (default: $USER)")
    String by;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        cli.adminClient()
            .post(
                "api/admin/accounts/" + HeraldClient.encode(id) + "/unfreeze",
                Map.of("by", operator(by)));
        cli.out()
            .println(
                "account "
                    + id
                    + " unfrozen; held messages go out now, paused campaigns wait to be resumed");
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  private static String operator(String given) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String user = System.getProperty("user.name", "");
    return user.isBlank() ? "admin" : user;
  }
}
