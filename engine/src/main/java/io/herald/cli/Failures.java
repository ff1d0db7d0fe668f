package io.herald.cli;

import io.herald.audience.ListNames;
import java.util.Optional;

/** Turns a server's refusal into the CLI's one-line message and exit code. */
final class Failures {
  private Failures() {}

  static int report(HeraldCli cli, HeraldClient.ApiProblem problem) {
    cli.err().println("herald: " + problem.getMessage());
    int status = problem.status();
    boolean badInput = status == 400 || status == 404 || status == 413 || status == 422;
    return badInput ? HeraldCli.EXIT_BAD_INPUT : HeraldCli.EXIT_FAILURE;
  }

  /**
   * Says why {@code name} is no list name (the rule the server applies), before a file is uploaded
   * for nothing; true if it said so.
   */
  static boolean refusedListName(HeraldCli cli, String name) {
    Optional<String> problem = ListNames.problem(name);
    problem.ifPresent(p -> cli.err().println("herald: " + p));
    return problem.isPresent();
  }
}
