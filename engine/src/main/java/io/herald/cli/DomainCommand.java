package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code herald domain …}: the account's sending domains (R5) — add one and print the DNS records
 * to publish, list them, verify one once the records are up, delete one; an administrator attests
 * one for an account with {@code add NAME --account ID --verified-by-admin}.
 */
@Command(
    name = "domain",
    description = "Manage the account's sending domains.",
    subcommands = {
      DomainCommand.Add.class,
      DomainCommand.ListDomains.class,
      DomainCommand.Verify.class,
      DomainCommand.Delete.class
    })
final class DomainCommand {
  @ParentCommand HeraldCli cli;

  /** {@code herald domain add NAME}: prints the records to publish. */
  @Command(
      name = "add",
      description =
          "Add a sending domain and print the DNS records to publish (or, as an administrator,"
              + " attest one for an account).")
  static final class Add implements Callable<Integer> {
    @ParentCommand DomainCommand parent;
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "the domain, e.g. shop.example")
    String name;

    @Option(names = "--ed25519", description = "also make an Ed25519 DKIM key (second selector)")
    boolean ed25519;

    @Option(names = "--account", description = "administrator: the account to attest it for")
    String account;

    @Option(
        names = "--verified-by-admin",
        description = "administrator: control was proved out of band; no DNS check")
    boolean verifiedByAdmin;

    @Option(names = "--by", description = "administrator: who attests, for the audit trail")
    String by;

    @Option(names = "--json", description = "print the domain as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      if ((account != null) != verifiedByAdmin) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--account and --verified-by-admin go together");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("ed25519", ed25519);
      try {
        JsonNode domain;
        if (verifiedByAdmin) {
          body.put(
              "by", by == null || by.isBlank() ? System.getProperty("user.name", "admin") : by);
          domain =
              cli.adminClient()
                  .post("api/admin/accounts/" + HeraldClient.encode(account) + "/domains", body);
        } else {
          domain = cli.accountClient().post("api/domains", body);
        }
        return print(cli, domain, json);
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald domain list}: each domain and its status. */
  @Command(name = "list", description = "Show the account's sending domains and their status.")
  static final class ListDomains implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Option(names = "--json", description = "print a JSON array of the domains")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      try {
        JsonNode domains = cli.accountClient().get("api/domains").get("domains");
        if (json) {
          cli.out().println(cli.json().writeValueAsString(domains));
        } else {
          domains.forEach(
              d ->
                  cli.out().printf("%-50s %s%n", d.get("name").asText(), d.get("status").asText()));
        }
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald domain verify NAME}: looks the verification record up now. */
  @Command(name = "verify", description = "Check the domain's verification record in DNS now.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(paramLabel = "NAME", description = "the domain")
    String name;

    @Option(names = "--json", description = "print the domain as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      try {
        JsonNode domain =
            cli.accountClient()
                .post("api/domains/" + HeraldClient.encode(name) + "/verify", Map.of());
        if (json) {
          return print(cli, domain, true);
        }
        cli.out().println(domain.get("name").asText() + ": " + domain.get("status").asText());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald domain delete NAME}: the account no longer sends from it. */
  @Command(name = "delete", description = "Remove a sending domain from the account.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(paramLabel = "NAME", description = "the domain")
    String name;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        cli.accountClient().delete("api/domains/" + HeraldClient.encode(name));
        cli.out().println("sending domain " + name + " deleted");
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  private static int print(HeraldCli cli, JsonNode domain, boolean json) throws Exception {
    cli.out().println(json ? cli.json().writeValueAsString(domain) : domain.get("text").asText());
    return HeraldCli.EXIT_OK;
  }
}
