package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code herald sms …}: SMS tools; {@code preview} shows how a text would go out. */
@Command(
    name = "sms",
    description = "SMS tools.",
    subcommands = {SmsCommand.Preview.class, SmsCommand.Simulator.class})
final class SmsCommand {
  @ParentCommand HeraldCli cli;

  /**
   * {@code herald sms preview (--text FILE | --message TEXT) [--json]}: the encoding, characters,
   * units and parts of a text, as the server computes them ({@code POST /api/sms/preview}).
   */
  @Command(name = "preview", description = "Show a text's SMS encoding, length and parts.")
  static final class Preview implements Callable<Integer> {
    @ParentCommand SmsCommand parent;

    @ArgGroup Text text;

    @Option(names = "--json", description = "print the preview as JSON")
    boolean json;

    /** The text, from a file or given. */
    static final class Text {
      @Option(names = "--text", paramLabel = "FILE", description = "the text, from a file")
      Path file;

      @Option(names = "--message", paramLabel = "TEXT", description = "the text itself")
      String message;
    }

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      if (text == null) {
        cli.err().println("herald: give the text with --text FILE or --message TEXT");
        return HeraldCli.EXIT_BAD_INPUT;
      }
      if (text.file != null && !Files.isReadable(text.file)) {
        cli.err().println("herald: cannot read " + text.file);
        return HeraldCli.EXIT_BAD_INPUT;
      }
      String value = text.message != null ? text.message : SendCommand.read(text.file);
      try {
        JsonNode preview = cli.accountClient().post("api/sms/preview", Map.of("text", value));
        if (json) {
          cli.out().println(cli.json().writeValueAsString(preview));
          return HeraldCli.EXIT_OK;
        }
        int parts = preview.path("parts").asInt();
        cli.out()
            .printf(
                "%s, %d characters, %d units: %d part%s (up to %d units per part)%n",
                preview.path("encoding").asText(),
                preview.path("characters").asInt(),
                preview.path("units").asInt(),
                parts,
                parts == 1 ? "" : "s",
                preview.path("unitsPerPart").asInt());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /**
   * {@code herald sms simulator}: an SMSC (SMPP 3.4, jSMPP's server side) on 127.0.0.1 until
   * stopped, which accepts every submit and sends a delivered receipt for it: something to point
   * {@code sms.smsc} at when trying Herald, and what the smoke test of the shipped jar sends to.
   * Not an SMSC to rely on: it delivers nothing.
   */
  @Command(
      name = "simulator",
      description = "Run an SMSC simulator on 127.0.0.1 (for trying Herald; delivers nothing).")
  static final class Simulator implements Callable<Integer> {
    @ParentCommand SmsCommand parent;

    @Option(names = "--system-id", paramLabel = "ID", defaultValue = "herald")
    String systemId;

    @Option(names = "--password", paramLabel = "SECRET", defaultValue = "herald")
    String password;

    @Override
    public Integer call() throws Exception {
      io.herald.channel.sms.sim.SmscSimulator smsc =
          io.herald.channel.sms.sim.SmscSimulator.start(systemId, password);
      java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    parent
                        .cli
                        .err()
                        .println(
                            "herald: SMSC simulator received "
                                + smsc.submitsReceived()
                                + " submits");
                    smsc.close();
                    stopped.countDown();
                  }));
      parent.cli.err().println("herald: SMSC simulator on port " + smsc.port());
      stopped.await();
      return HeraldCli.EXIT_OK;
    }
  }
}
