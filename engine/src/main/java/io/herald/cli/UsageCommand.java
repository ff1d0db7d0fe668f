package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald account usage}: the account's plan and what it used of its quota this period (R9),
 * as {@code GET /api/account/usage} answers it; with the account's API key, not the admin token.
 */
@Command(name = "usage", description = "Show the account's plan and quota usage this period.")
final class UsageCommand implements Callable<Integer> {
  @ParentCommand AccountCommand parent;

  @Option(names = "--json", description = "print the API's JSON answer")
  boolean json;

  @Override
  public Integer call() throws Exception {
    HeraldCli cli = parent.cli;
    try {
      JsonNode usage = cli.accountClient().get("api/account/usage");
      if (json) {
        cli.out().println(cli.json().writeValueAsString(usage));
        return HeraldCli.EXIT_OK;
      }
      cli.out().println("plan:        " + usage.get("plan").asText());
      cli.out()
          .println(
              "period:      "
                  + usage.get("periodStart").asText()
                  + " – "
                  + usage.get("periodEnd").asText()
                  + " (renews then; "
                  + usage.get("timeZone").asText()
                  + ")");
      cli.out()
          .printf(
              "messages:    %d of %d used, %d left%n",
              usage.get("messagesUsed").asLong(),
              usage.get("messagesAllowed").asLong(),
              usage.get("messagesLeft").asLong());
      cli.out()
          .printf(
              "subscribers: %d of %d%n",
              usage.get("subscribers").asLong(), usage.get("subscribersAllowed").asLong());
      return HeraldCli.EXIT_OK;
    } catch (HeraldClient.ApiProblem e) {
      return Failures.report(cli, e);
    }
  }
}
