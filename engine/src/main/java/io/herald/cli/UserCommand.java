package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald user …}: the administrator adds the people who sign in to the pages — the first
 * staff administrator, and each account's first owner (who invites members from the pages). Nobody
 * types a password here: the command prints a link, valid once for a limited time, on which the
 * person chooses one.
 */
@Command(
    name = "user",
    description = "Manage the people who sign in to the pages (administrator).",
    subcommands = {UserCommand.Add.class})
final class UserCommand {
  @ParentCommand HeraldCli cli;

  /** {@code herald user add EMAIL --role ROLE [--account ID]}: prints the password link last. */
  @Command(
      name = "add",
      description = "Add a user; prints the link on which they choose their password, last.")
  static final class Add implements Callable<Integer> {
    @ParentCommand UserCommand parent;

    @Parameters(paramLabel = "EMAIL", description = "the sign-in email")
    String email;

    @Option(
        names = "--role",
        required = true,
        description = "owner or member (with --account), or reviewer, support, admin (staff)")
    String role;

    @Option(names = "--account", description = "the account of an owner or member")
    String account;

    @Option(names = "--language", description = "the pages' language: uk (default) or en")
    String language;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      Map<String, String> body = new LinkedHashMap<>();
      body.put("email", email);
      body.put("role", role);
      if (account != null) {
        body.put("account", account);
      }
      if (language != null) {
        body.put("language", language);
      }
      try {
        JsonNode added = cli.adminClient().post("api/admin/users", body);
        cli.out()
            .println(
                "user "
                    + added.get("email").asText()
                    + " ("
                    + added.get("role").asText()
                    + ") added; they choose their password here, once, until "
                    + added.get("linkExpiresAt").asText()
                    + ":");
        cli.out().println(added.get("passwordLink").asText());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }
}
