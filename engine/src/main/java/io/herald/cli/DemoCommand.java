package io.herald.cli;

import io.herald.account.Secrets;
import io.herald.app.HeraldNode;
import io.herald.config.ConfigException;
import io.herald.config.DataConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code herald demo}: Herald's main job end to end with nothing installed. It starts a node in
 * this process on the embedded Redis (in a fresh data directory), creates an account, suppresses an
 * address, generates a sample list and imports it through the same HTTP API and CLI code a user
 * runs, then prints the summary and the lists.
 */
@Command(name = "demo", description = "Run Herald end to end on a generated sample list.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand HeraldCli cli;
  @Mixin ServerOptions options;

  @Option(names = "--rows", defaultValue = "5000", description = "good rows to generate")
  int rows;

  @Option(names = "--keep", description = "keep the demo's data directory")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    HeraldConfig loaded;
    try {
      loaded = options.load(cli.env());
    } catch (ConfigException e) {
      cli.err().println("herald: " + e.getMessage());
      return HeraldCli.EXIT_BAD_INPUT;
    }
    Path dir = Files.createTempDirectory("herald-demo-");
    HeraldConfig config =
        loaded
            .withHttp(new HttpConfig("127.0.0.1", 0, loaded.http().maxUploadBytes()))
            .withData(new DataConfig(dir));
    String adminToken = Secrets.generate("ha_", new SecureRandom());
    cli.out().println("== Herald demo: data in " + dir);
    try (HeraldNode node = HeraldNode.start(config, Optional.of(adminToken), Clock.systemUTC())) {
      Map<String, String> env = new HashMap<>(cli.env());
      env.put("HERALD_URL", "http://127.0.0.1:" + node.httpPort());
      env.put("HERALD_ADMIN_TOKEN", adminToken);
      cli.out().println("== server on port " + node.httpPort() + " (embedded Redis)");

      String apiKey = createAccount(env);
      env.put("HERALD_API_KEY", apiKey);
      new HeraldClient(cli.serverUrl(env), apiKey, cli.json())
          .post(
              "api/suppressions",
              Map.of("email", SampleList.SUPPRESSED, "reason", "unsubscribed earlier"));
      cli.out().println("== suppressed " + SampleList.SUPPRESSED + " (it must not come back)");

      Path sample = SampleList.write(dir.resolve("sample-contacts.csv"), rows, 2026L);
      cli.out().println("== importing " + sample.getFileName() + " (" + (rows + 10) + " rows)");
      int imported = sub(env, "import", sample.toString(), "--list", "demo customers");
      cli.out().println("== lists");
      sub(env, "lists");
      return imported;
    } finally {
      if (!keep) {
        deleteTree(dir);
      }
    }
  }

  private String createAccount(Map<String, String> env) throws Exception {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env,
            new java.io.PrintStream(captured, true, "UTF-8"),
            System.err,
            "account",
            "create",
            "Demo Company");
    if (code != 0) {
      throw new IllegalStateException("demo: account creation failed");
    }
    String[] lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
    cli.out().println("== " + lines[0]);
    return lines[lines.length - 1].strip();
  }

  private int sub(Map<String, String> env, String... args) {
    cli.out().flush();
    return HeraldCli.run(env, cli.rawOut(), System.err, args);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
