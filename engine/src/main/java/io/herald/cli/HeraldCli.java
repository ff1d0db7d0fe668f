package io.herald.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.app.HeraldNode;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code herald} command. Server commands ({@code serve}, {@code demo}) run a node in this
 * process; the others are HTTP clients of a running server, found through {@code HERALD_URL}. Exit
 * codes: 0 done, 2 bad input (refused file, bad option, bad configuration) with a one-line reason,
 * 1 any other failure.
 */
@Command(
    name = "herald",
    mixinStandardHelpOptions = true,
    version = "Herald 0.1.0",
    description = "Bulk email, SMS and Viber campaigns with a canary release.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      AccountCommand.class,
      UserCommand.class,
      DomainCommand.class,
      ImportCommand.class,
      ListsCommand.class,
      ContactsCommand.class,
      CampaignCommand.class,
      ReviewCommand.class,
      SendCommand.class,
      MessageCommand.class,
      SmsCommand.class,
      ViberCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HeraldCli implements Runnable {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_BAD_INPUT = 2;

  private final Map<String, String> env;
  private final PrintStream rawOut;
  private final PrintStream rawErr;
  private final PrintWriter out;
  private final PrintWriter err;
  private final ObjectMapper json = HeraldNode.objectMapper();
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  HeraldCli(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.rawOut = out;
    this.rawErr = err;
    this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    this.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
  }

  public static void main(String[] args) {
    System.exit(run(System.getenv(), System.out, System.err, args));
  }

  /** Runs one command line; the exit code is returned, not exited, so tests can call it. */
  public static int run(
      Map<String, String> env, PrintStream stdout, PrintStream stderr, String... args) {
    HeraldCli herald = new HeraldCli(env, stdout, stderr);
    PrintWriter out = herald.out;
    PrintWriter err = herald.err;
    CommandLine cli = new CommandLine(herald);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          err.println("herald: " + e.getMessage());
          return EXIT_FAILURE;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }

  Map<String, String> env() {
    return env;
  }

  PrintWriter out() {
    return out;
  }

  /** Standard output as bytes, for data such as CSV exports. */
  PrintStream rawOut() {
    out.flush();
    return rawOut;
  }

  PrintWriter err() {
    return err;
  }

  /** Standard error as bytes, for a command that runs other commands (the demo). */
  PrintStream rawErr() {
    err.flush();
    return rawErr;
  }

  ObjectMapper json() {
    return json;
  }

  /** The server to talk to: {@code HERALD_URL}, by default the local one. */
  URI serverUrl() {
    return serverUrl(env);
  }

  URI serverUrl(Map<String, String> env) {
    String url = env.getOrDefault("HERALD_URL", "http://localhost:8080");
    return URI.create(url.endsWith("/") ? url : url + "/");
  }

  /** A client with the account's key from {@code HERALD_API_KEY}. */
  HeraldClient accountClient() {
    String key = env.get("HERALD_API_KEY");
    if (key == null || key.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "HERALD_API_KEY is not set: give the account's API key");
    }
    return new HeraldClient(serverUrl(), key.strip(), json);
  }

  /**
   * A client with the admin token: {@code HERALD_ADMIN_TOKEN}, or the token file a local server
   * wrote into its data directory ({@code HERALD_DATA_DIR}, default {@code ./data}).
   */
  HeraldClient adminClient() {
    Optional<String> token =
        Optional.ofNullable(env.get("HERALD_ADMIN_TOKEN")).filter(t -> !t.isBlank());
    if (token.isEmpty()) {
      Path file = Path.of(env.getOrDefault("HERALD_DATA_DIR", "data"), "admin-token");
      try {
        token = Optional.of(Files.readString(file).strip());
      } catch (java.io.IOException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "HERALD_ADMIN_TOKEN is not set and " + file + " cannot be read");
      }
    }
    return new HeraldClient(serverUrl(), token.get(), json);
  }
}
