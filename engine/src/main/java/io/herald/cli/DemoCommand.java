package io.herald.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.herald.account.Secrets;
import io.herald.app.HeraldNode;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.channel.viber.sim.ViberSimulator;
import io.herald.config.ConfigException;
import io.herald.config.DataConfig;
import io.herald.config.DeliveryConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import io.herald.config.TrackingConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
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
 * SMTP server and a node in this process (embedded Redis, fresh data directory) on a clock that
 * runs {@code --time-scale} times faster, then runs two campaigns with a canary through the same
 * HTTP API and CLI code a user runs: a healthy opted-in list, which is released after its six-hour
 * window, and a purchased-looking list, which is held and then rejected by the administrator. An
 * audience simulator answers every delivered message through Herald's real endpoints and feedback
 * path (opens, clicks, machine traffic, one-click unsubscribes, DSNs, ARF complaints). It prints
 * each canary's scores as they come in, the decisions with their explanations, and one delivered
 * message's compliance headers. Meanwhile a short SMS campaign goes through an SMSC simulator the
 * demo starts, with receipts and a STOP reply ({@link DemoSms}), and a short Viber campaign through
 * a Viber provider simulator, with an SMS fallback through the same SMSC ({@link DemoViber}).
 */
@Command(name = "demo", description = "Run Herald end to end: two campaigns through the canary.")
final class DemoCommand implements Callable<Integer> {
  static final Duration WINDOW = Duration.ofHours(6);

  @ParentCommand HeraldCli cli;
  @Mixin ServerOptions options;

  @Option(names = "--rows", defaultValue = "5000", description = "good rows of the healthy list")
  int rows;

  @Option(
      names = "--purchased-rows",
      defaultValue = "2000",
      description = "rows of the purchased-looking list")
  int purchasedRows;

  @Option(
      names = "--time-scale",
      defaultValue = "360",
      description = "how much faster the demo's clock runs (360: the 6 h window in a minute)")
  long timeScale;

  @Option(names = "--keep", description = "keep the demo's data directory")
  boolean keep;

  @Option(
      names = "--stay",
      description = "after the story, keep serving until Ctrl-C, so a person can look around")
  boolean stay;

  @Override
  public Integer call() throws Exception {
    HeraldConfig loaded;
    try {
      loaded = options.load(cli.env());
    } catch (ConfigException e) {
      cli.err().println("herald: " + e.getMessage());
      return HeraldCli.EXIT_BAD_INPUT;
    }
    if (timeScale < 1 || timeScale > 3600 || rows < 1 || purchasedRows < 1) {
      cli.err()
          .println("herald: --time-scale is 1 to 3600; --rows and --purchased-rows at least 1");
      return HeraldCli.EXIT_BAD_INPUT;
    }
    Path dir = Files.createTempDirectory("herald-demo-");
    try (DemoLog log = DemoLog.toFile();
        DemoStay staying = new DemoStay()) {
      cli.out().println("== Herald's own log lines go to " + log.file());
      return run(loaded, dir, staying);
    }
  }

  private int run(HeraldConfig loaded, Path dir, DemoStay staying) throws Exception {
    GreenMail capture = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    capture.start();
    SmscSimulator smsc = DemoSms.startSmsc();
    String adminToken = Secrets.generate("ha_", new SecureRandom());
    int httpPort = freePort();
    URI herald = URI.create("http://127.0.0.1:" + httpPort);
    ScaledClock clock = new ScaledClock(Clock.systemUTC());
    ViberSimulator viber = DemoViber.startSimulator(herald, clock);
    cli.out().println("== Herald demo: data in " + dir);
    try (HeraldNode node =
            HeraldNode.start(
                demoConfig(loaded, dir, capture.getSmtp().getPort(), herald, smsc, viber),
                Optional.of(adminToken),
                clock);
        AudienceSimulator audience =
            new AudienceSimulator(capture, herald, adminToken, clock, 2026L)) {
      Map<String, String> admin = new HashMap<>(cli.env());
      admin.put("HERALD_URL", herald.toString());
      admin.put("HERALD_ADMIN_TOKEN", adminToken);
      cli.out()
          .printf(
              "== server on port %d (embedded Redis); capture SMTP server on port %d%n",
              node.httpPort(), capture.getSmtp().getPort());
      node.metricsPort()
          .ifPresent(
              port ->
                  cli.out().printf("== Prometheus metrics: http://127.0.0.1:%d/metrics%n", port));
      // The developer's part first, while the clock still shows real time.
      boolean toured =
          new TransactionalTour(cli, admin, node.relayPort(), capture::getReceivedMessages, clock)
              .run(dir, this::sub);
      DemoCampaign healthy = healthy(admin, dir);
      DemoCampaign purchased = purchased(admin, dir);
      DemoSms sms = new DemoSms(cli, smsc, new DemoActions());
      String texts = sms.create(healthy.env(), dir);
      DemoViber viberPart = new DemoViber(cli, viber, smsc, new DemoActions());
      String viberCampaign = viberPart.create(healthy.env(), dir);
      audience.follow(healthy.id(), AudiencePersona.HEALTHY);
      audience.follow(purchased.id(), AudiencePersona.PURCHASED);
      clock.runFaster(timeScale);
      cli.out()
          .printf(
              "== from now on the clock runs %dx faster: the %s canary window lasts %s%n",
              timeScale, hours(WINDOW), seconds(clock.real(WINDOW)));
      sub(healthy.env(), "campaign", "start", healthy.id());
      sub(purchased.env(), "campaign", "start", purchased.id());
      sub(healthy.env(), "campaign", "start", texts);
      sub(healthy.env(), "campaign", "start", viberCampaign);
      cli.out()
          .println(
              "== all four started: each sends its canary (10% of the audience, at most 1000)"
                  + " first; the audience simulator answers every email, the SMSC every SMS, the"
                  + " Viber simulator every Viber message");
      CanaryWatch watch = new CanaryWatch(cli, clock, healthy, purchased);
      boolean decided = watch.awaitDecisions(clock.real(WINDOW).plus(Duration.ofSeconds(90)));
      int code = finish(admin, healthy, purchased, audience, capture, decided);
      boolean texted = sms.finish(healthy.env(), texts);
      boolean viberDone = viberPart.finish(healthy.env(), viberCampaign);
      new DemoPages(cli, this::capture).print(herald, admin, healthy.client());
      int result = toured && texted && viberDone ? code : 1;
      if (stay) {
        staying.serveUntilInterrupted(
            cli.out(), herald, node.metricsPort(), clock, Clock.systemUTC());
      }
      return result;
    } finally {
      viber.close();
      smsc.close();
      capture.stop();
      if (!keep) {
        deleteTree(dir);
      }
    }
  }

  /** An account and its campaign, with the CLI environment that acts as that account. */
  record DemoCampaign(String label, String id, Map<String, String> env, HeraldClient client) {}

  private DemoCampaign healthy(Map<String, String> admin, Path dir) throws Exception {
    Map<String, String> env = account(admin, "Demo Company", "demo-company.example");
    HeraldClient client =
        new HeraldClient(cli.serverUrl(env), env.get("HERALD_API_KEY"), cli.json());
    client.post(
        "api/suppressions",
        Map.of("email", SampleList.SUPPRESSED, "reason", "unsubscribed earlier"));
    cli.out()
        .println(
            "== Demo Company suppressed " + SampleList.SUPPRESSED + " (it must not come back)");
    Path sample = SampleList.write(dir.resolve("sample-contacts.csv"), rows, 2026L);
    cli.out().println("== importing " + sample.getFileName() + " (" + (rows + 10) + " rows)");
    if (sub(env, "import", sample.toString(), "--list", "demo customers") != HeraldCli.EXIT_OK) {
      throw new IllegalStateException("demo: the sample list did not import");
    }
    Path html = Files.writeString(dir.resolve("newsletter.html"), SampleList.NEWSLETTER);
    String id =
        created(
            env,
            "demo customers",
            "news@demo-company.example",
            "Demo Company",
            "Вітаємо, {{name}}!",
            html);
    return new DemoCampaign("healthy  ", id, env, client);
  }

  private DemoCampaign purchased(Map<String, String> admin, Path dir) throws Exception {
    Map<String, String> env = account(admin, "Fast Growth Leads", "fast-growth.example");
    HeraldClient client =
        new HeraldClient(cli.serverUrl(env), env.get("HERALD_API_KEY"), cli.json());
    Path list = SampleList.writePurchased(dir.resolve("leads-2026.csv"), purchasedRows, 7L);
    cli.out()
        .println(
            "== Fast Growth Leads imports "
                + list.getFileName()
                + " ("
                + purchasedRows
                + " bought addresses)");
    if (sub(env, "import", list.toString(), "--list", "leads") != HeraldCli.EXIT_OK) {
      throw new IllegalStateException("demo: the purchased list did not import");
    }
    Path html = Files.writeString(dir.resolve("offer.html"), SampleList.OFFER);
    String id =
        created(
            env,
            "leads",
            "offers@fast-growth.example",
            "Fast Growth Leads",
            "Exclusive offer for you",
            html);
    return new DemoCampaign("purchased", id, env, client);
  }

  /**
   * A new account whose sending domain an administrator attests (R5: an account sends only from its
   * own verified domains; the demo's domains have no DNS to publish records in).
   */
  private Map<String, String> account(Map<String, String> admin, String name, String domain) {
    Map<String, String> env = new HashMap<>(admin);
    String created = capture(admin, "account", "create", name);
    env.put("HERALD_API_KEY", lastLine(created));
    String id = created.split(" ", 3)[1];
    capture(admin, "domain", "add", domain, "--account", id, "--verified-by-admin", "--by", "demo");
    return env;
  }

  private String created(
      Map<String, String> env,
      String list,
      String from,
      String fromName,
      String subject,
      Path html) {
    String id =
        lastLine(
            capture(
                env,
                "campaign",
                "create",
                "--list",
                list,
                "--from",
                from,
                "--from-name",
                fromName,
                "--subject",
                subject,
                "--html",
                html.toString()));
    cli.out().println("== campaign " + id + " created");
    return id;
  }

  private int finish(
      Map<String, String> admin,
      DemoCampaign healthy,
      DemoCampaign purchased,
      AudienceSimulator audience,
      GreenMail capture,
      boolean decided)
      throws Exception {
    cli.out().println("== the healthy list's campaign, after its canary:");
    sub(healthy.env(), "campaign", "status", healthy.id());
    cli.out().println("== the purchased list's campaign:");
    sub(purchased.env(), "campaign", "status", purchased.id());
    cli.out().println("== the administrator's review queue:");
    sub(admin, "review", "list");
    if (purchased
        .client()
        .get("api/campaigns/" + purchased.id())
        .path("state")
        .asText()
        .equals("held")) {
      cli.out().println("== the administrator rejects the held campaign; its rest is never sent:");
      sub(
          admin,
          "review",
          "reject",
          purchased.id(),
          "--reason",
          "purchased list: dead addresses and spam complaints");
    }
    for (DemoCampaign c : new DemoCampaign[] {healthy, purchased}) {
      cli.out()
          .println(
              "== what the "
                  + c.label().strip()
                  + " audience did (through Herald's endpoints): "
                  + audience.done(c.id()));
    }
    var first = capture.getReceivedMessages()[0];
    cli.out()
        .println(
            "== one delivered message (" + capture.getReceivedMessages().length + " captured):");
    cli.out().println("   To: " + first.getHeader("To")[0]);
    cli.out().println("   Subject: " + first.getSubject());
    cli.out().println("   Return-Path: " + first.getHeader("Return-Path")[0]);
    cli.out().println("   List-Unsubscribe: " + first.getHeader("List-Unsubscribe")[0]);
    cli.out().println("   List-Unsubscribe-Post: " + first.getHeader("List-Unsubscribe-Post")[0]);
    if (!decided) {
      cli.err()
          .println("herald: the demo's canaries did not reach their expected decisions in time");
      return 1;
    }
    return HeraldCli.EXIT_OK;
  }

  private static HeraldConfig demoConfig(
      HeraldConfig loaded,
      Path dir,
      int smtpPort,
      URI herald,
      SmscSimulator smsc,
      ViberSimulator viber) {
    DeliveryConfig d = loaded.delivery();
    // The capture server is local and fast: no need for the polite default rate per domain.
    DeliveryConfig toCapture =
        d.withSmarthost("127.0.0.1", smtpPort).withLimits(8, d.concurrency(), "5000/s");
    return loaded
        .withHttp(new HttpConfig("127.0.0.1", herald.getPort(), loaded.http().maxUploadBytes()))
        .withData(new DataConfig(dir))
        .withRelay(loaded.relay().withPort(0))
        // Metrics on a free loopback port, so a demo runs beside a server on the default one.
        .withMetrics(loaded.metrics().withPort(0))
        .withDelivery(toCapture)
        .withTracking(new TrackingConfig(herald, loaded.tracking().secret()))
        // Every canary, a six-hour window (scaled), scored every real second.
        .withCanary(loaded.canary().withEnabled(true).withTiming(WINDOW, Duration.ofSeconds(1)))
        // Webhooks may go to a receiver on this machine (the demo is local by nature).
        .withWebhooks(loaded.webhooks().withAllowPrivateTargets(true))
        .withSms(DemoSms.config(loaded.sms(), smsc))
        .withViber(DemoViber.config(loaded.viber(), viber, herald))
        // The demo shows the canary, not the plans (R9): its lists outgrow the free plan.
        .withoutQuotas();
  }

  /** The CLI as the demo's SMS part runs it. */
  private final class DemoActions implements DemoSms.Demo {
    @Override
    public int sub(Map<String, String> env, String... args) {
      return DemoCommand.this.sub(env, args);
    }

    @Override
    public String capture(Map<String, String> env, String... args) {
      return DemoCommand.this.capture(env, args);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static String hours(Duration d) {
    return d.toHours() + " h";
  }

  static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  private String capture(Map<String, String> env, String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            env, new PrintStream(captured, true, StandardCharsets.UTF_8), cli.rawErr(), args);
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
    return HeraldCli.run(env, cli.rawOut(), cli.rawErr(), args);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
