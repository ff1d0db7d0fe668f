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
 * {@code herald account plan | ledger | topup}: an account changes its plan and reads its ledger
 * (with its API key); an administrator records a top-up (with the admin token) — R9.
 */
final class PlanCommands {
  private PlanCommands() {}

  /** {@code herald account plan NAME}: an upgrade now, a downgrade at the period's end. */
  @Command(
      name = "plan",
      description = "Change the account's plan: a package's name, or free (R9).")
  static final class Change implements Callable<Integer> {
    @ParentCommand AccountCommand parent;

    @Parameters(paramLabel = "PLAN", description = "free, or a package's name")
    String plan;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        JsonNode usage = cli.accountClient().post("api/account/plan", Map.of("plan", plan));
        String next = usage.path("nextPlan").asText("");
        cli.out()
            .println(
                next.isEmpty() || usage.path("nextPlan").isNull()
                    ? "plan: "
                        + usage.get("plan").asText()
                        + ", "
                        + usage.get("messagesAllowed").asLong()
                        + " messages until "
                        + usage.get("periodEnd").asText()
                    : "plan: "
                        + usage.get("plan").asText()
                        + " until "
                        + usage.get("periodEnd").asText()
                        + ", then "
                        + next);
        cli.out()
            .println(
                "balance: " + usage.get("balance").asText() + " " + usage.get("currency").asText());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald account ledger}: the balance and its top-ups and charges, newest first. */
  @Command(name = "ledger", description = "Show the account's balance, top-ups and charges.")
  static final class Ledger implements Callable<Integer> {
    @ParentCommand AccountCommand parent;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        JsonNode ledger = cli.accountClient().get("api/account/ledger");
        cli.out().println("balance: " + ledger.get("balance").asText());
        for (JsonNode e : ledger.get("entries")) {
          cli.out()
              .printf(
                  "%s %-9s %12s %12s %-10s %s %s%n",
                  e.get("at").asText(),
                  e.get("kind").asText(),
                  e.get("amount").asText(),
                  e.get("balance").asText(),
                  e.get("plan").asText(),
                  e.get("by").asText(),
                  e.get("note").asText());
        }
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** {@code herald account topup ID AMOUNT}: an administrator records money received. */
  @Command(name = "topup", description = "Record a top-up of an account's balance (administrator).")
  static final class TopUp implements Callable<Integer> {
    @ParentCommand AccountCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "the account's id")
    String id;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "e.g. 500 or 499.99")
    String amount;

    @Option(names = "--note", description = "what it is for, e.g. an invoice number")
    String note;

    @Option(names = "--by", description = "who records it, for the ledger (default: admin)")
    String by;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      Map<String, String> body = new LinkedHashMap<>();
      body.put("amount", amount);
      if (note != null) {
        body.put("note", note);
      }
      if (by != null) {
        body.put("by", by);
      }
      try {
        JsonNode entry =
            cli.adminClient()
                .post("api/admin/accounts/" + HeraldClient.encode(id) + "/topups", body);
        cli.out()
            .println(
                "account "
                    + id
                    + ": +"
                    + entry.get("amount").asText()
                    + ", balance "
                    + entry.get("balance").asText());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }
}
