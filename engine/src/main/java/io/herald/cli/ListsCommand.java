package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code herald lists}: the account's lists with their member counts. */
@Command(name = "lists", description = "Show the account's lists and member counts.")
final class ListsCommand implements Callable<Integer> {
  @ParentCommand HeraldCli cli;

  @Option(names = "--json", description = "print a JSON array of {name, members, language}")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try {
      JsonNode lists = cli.accountClient().all("api/lists", "lists");
      if (json) {
        ArrayNode array = cli.json().createArrayNode();
        lists.forEach(
            l ->
                array
                    .addObject()
                    .put("name", l.get("name").asText())
                    .put("members", l.get("members").asLong())
                    .put("language", l.path("language").asText()));
        cli.out().println(cli.json().writeValueAsString(array));
      } else {
        lists.forEach(
            l ->
                cli.out()
                    .printf("%-40s %10d%n", l.get("name").asText(), l.get("members").asLong()));
      }
      return HeraldCli.EXIT_OK;
    } catch (HeraldClient.ApiProblem e) {
      return Failures.report(cli, e);
    }
  }
}
