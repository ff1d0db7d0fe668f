package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald campaign list [--json]}: the account's campaigns, newest first, one line each with
 * its channel (email, sms, viber), state and list, so an id can be found without the API.
 */
@Command(name = "list", description = "Show the account's campaigns, newest first.")
final class CampaignList implements Callable<Integer> {
  @ParentCommand CampaignCommand parent;

  @Option(names = "--json", description = "print the campaigns as a JSON array")
  boolean json;

  @Override
  public Integer call() throws Exception {
    HeraldCli cli = parent.cli;
    try {
      JsonNode campaigns = cli.accountClient().all("api/campaigns", "campaigns");
      if (json) {
        cli.out().println(cli.json().writeValueAsString(campaigns));
        return HeraldCli.EXIT_OK;
      }
      for (JsonNode c : campaigns) {
        cli.out()
            .printf(
                "%s  %-5s  %-9s  %8d recipients  list \"%s\"  %s%n",
                c.get("id").asText(),
                c.get("channel").asText(),
                c.get("state").asText(),
                c.get("recipients").asLong(),
                c.get("list").asText(),
                c.get("createdAt").asText());
      }
      return HeraldCli.EXIT_OK;
    } catch (HeraldClient.ApiProblem e) {
      return Failures.report(cli, e);
    }
  }
}
