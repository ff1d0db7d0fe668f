package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.herald.account.Secrets;
import io.herald.app.HeraldNode;
import io.herald.config.ConfigException;
import io.herald.config.DataConfig;
import io.herald.config.DeliveryConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
 * {@code herald demo}: Herald's main job end to end with nothing installed. It starts a capture
 * SMTP server and a node in this process (embedded Redis, fresh data directory), creates an
 * account, suppresses an address, imports a generated list and sends a campaign to it — through the
 * same HTTP API and CLI code a user runs — then prints what was delivered, deferred and bounced,
 * and one delivered message's compliance headers.
 */
@Command(name = "demo", description = "Run Herald end to end on a generated sample list.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(500);

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
    GreenMail capture = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    capture.start();
    String adminToken = Secrets.generate("ha_", new SecureRandom());
    cli.out().println("== Herald demo: data in " + dir);
    try (HeraldNode node =
        HeraldNode.start(
            demoConfig(loaded, dir, capture.getSmtp().getPort()),
            Optional.of(adminToken),
            Clock.systemUTC())) {
      Map<String, String> env = new HashMap<>(cli.env());
      env.put("HERALD_URL", "http://127.0.0.1:" + node.httpPort());
      env.put("HERALD_ADMIN_TOKEN", adminToken);
      cli.out()
          .println(
              "== server on port "
                  + node.httpPort()
                  + " (embedded Redis); capture SMTP server on port "
                  + capture.getSmtp().getPort());
      String apiKey = lastLine(capture(env, "account", "create", "Demo Company"));
      env.put("HERALD_API_KEY", apiKey);
      HeraldClient client = new HeraldClient(cli.serverUrl(env), apiKey, cli.json());
      client.post(
          "api/suppressions",
          Map.of("email", SampleList.SUPPRESSED, "reason", "unsubscribed earlier"));
      cli.out().println("== suppressed " + SampleList.SUPPRESSED + " (it must not come back)");

      Path sample = SampleList.write(dir.resolve("sample-contacts.csv"), rows, 2026L);
      cli.out().println("== importing " + sample.getFileName() + " (" + (rows + 10) + " rows)");
      int imported = sub(env, "import", sample.toString(), "--list", "demo customers");
      if (imported != HeraldCli.EXIT_OK) {
        return imported;
      }
      return campaign(env, client, dir, capture);
    } finally {
      capture.stop();
      if (!keep) {
        deleteTree(dir);
      }
    }
  }

  private int campaign(Map<String, String> env, HeraldClient client, Path dir, GreenMail capture)
      throws Exception {
    Path html = Files.writeString(dir.resolve("newsletter.html"), SampleList.NEWSLETTER);
    String id =
        lastLine(
            capture(
                env,
                "campaign",
                "create",
                "--list",
                "demo customers",
                "--from",
                "news@demo-company.example",
                "--from-name",
                "Demo Company",
                "--subject",
                "Вітаємо, {{name}}!",
                "--html",
                html.toString()));
    cli.out().println("== campaign " + id + " created; starting it");
    sub(env, "campaign", "start", id);
    JsonNode status = client.get("api/campaigns/" + id);
    while (!"completed".equals(status.get("state").asText())) {
      Thread.sleep(POLL);
      status = client.get("api/campaigns/" + id);
      JsonNode all = status.path("stats").path("all");
      cli.out()
          .printf(
              "   … %d of %d delivered%n",
              all.path("delivered").asLong(), status.get("recipients").asLong());
    }
    cli.out().println("== campaign finished");
    sub(env, "campaign", "status", id);
    var first = capture.getReceivedMessages()[0];
    cli.out()
        .println(
            "== one delivered message (" + capture.getReceivedMessages().length + " captured):");
    cli.out().println("   To: " + first.getHeader("To")[0]);
    cli.out().println("   Subject: " + first.getSubject());
    cli.out().println("   Return-Path: " + first.getHeader("Return-Path")[0]);
    cli.out().println("   List-Unsubscribe: " + first.getHeader("List-Unsubscribe")[0]);
    cli.out().println("   List-Unsubscribe-Post: " + first.getHeader("List-Unsubscribe-Post")[0]);
    return HeraldCli.EXIT_OK;
  }

  private static HeraldConfig demoConfig(HeraldConfig loaded, Path dir, int smtpPort) {
    DeliveryConfig d = loaded.delivery();
    // The capture server is local and fast: no need for the polite default rate per domain.
    DeliveryConfig toCapture =
        d.withSmarthost("127.0.0.1", smtpPort).withLimits(8, d.concurrency(), "5000/s");
    // The canary's six-hour window needs an audience that opens and clicks; until the demo's
    // audience simulator exists, this demo sends to the whole list at once.
    return loaded
        .withHttp(new HttpConfig("127.0.0.1", 0, loaded.http().maxUploadBytes()))
        .withData(new DataConfig(dir))
        .withDelivery(toCapture)
        .withCanary(loaded.canary().withEnabled(false));
  }

  private String capture(Map<String, String> env, String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(captured, true, StandardCharsets.UTF_8), System.err, args);
    if (code != 0) {
      throw new IllegalStateException("demo: " + String.join(" ", args) + " failed");
    }
    String text = captured.toString(StandardCharsets.UTF_8).strip();
    cli.out().println("== " + text.lines().findFirst().orElse(""));
    return text;
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
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
