package io.herald.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code herald contacts …}: a list's contacts. */
@Command(
    name = "contacts",
    description = "Work with a list's contacts.",
    subcommands = {ContactsCommand.Export.class})
final class ContactsCommand {
  @ParentCommand HeraldCli cli;

  /** {@code herald contacts export --list NAME}: CSV on stdout, safe to open in a spreadsheet. */
  @Command(name = "export", description = "Write a list's contacts as CSV to stdout.")
  static final class Export implements Callable<Integer> {
    @ParentCommand ContactsCommand parent;

    @Option(names = "--list", required = true, paramLabel = "NAME")
    String list;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      try (InputStream csv =
          cli.accountClient().stream("api/lists/" + HeraldClient.encode(list) + "/contacts")) {
        csv.transferTo(cli.rawOut());
        cli.rawOut().flush();
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }
}
