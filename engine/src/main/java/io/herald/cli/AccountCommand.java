package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code herald account …}: administrator commands for tenants. */
@Command(
    name = "account",
    description = "Manage accounts (administrator).",
    subcommands = {AccountCommand.Create.class, AccountCommand.Delete.class})
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
}
