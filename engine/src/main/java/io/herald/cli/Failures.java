package io.herald.cli;

/** Turns a server's refusal into the CLI's one-line message and exit code. */
final class Failures {
  private Failures() {}

  static int report(HeraldCli cli, HeraldClient.ApiProblem problem) {
    cli.err().println("herald: " + problem.getMessage());
    int status = problem.status();
    boolean badInput = status == 400 || status == 404 || status == 413 || status == 422;
    return badInput ? HeraldCli.EXIT_BAD_INPUT : HeraldCli.EXIT_FAILURE;
  }
}
