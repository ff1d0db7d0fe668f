package io.herald.bench;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.ImportRequest;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Campaigns;
import io.herald.campaign.Phase;
import io.herald.config.DeliveryConfig;
import io.herald.config.HeraldConfig;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Herald's side of the campaign scenario: a list of {@code count} recipients is imported (not
 * timed), then a campaign with a personalised ~10 KB HTML body and 5 links is started and timed
 * until every recipient has a final outcome — rendering, footers, tracking links, VERP, ledger and
 * counters in Redis, and SMTP to the sink at {@code connections} parallel connections.
 */
final class HeraldCampaign {
  private HeraldCampaign() {}

  /**
   * @param warmUp recipients of an untimed campaign delivered first (0: none), so that the timed
   *     one runs on compiled code as a server that has been up a while does
   */
  static void run(long count, long warmUp, int port, int connections, Path dataDir)
      throws Exception {
    HeraldConfig defaults = HeraldConfig.defaults();
    DeliveryConfig d = defaults.delivery();
    HeraldConfig config =
        BenchNodes.config(dataDir)
            .withDelivery(
                d.withSmarthost("127.0.0.1", port)
                    .withLimits(connections, connections * 4, "1000000/s"))
            // Throughput of the whole audience; the canary's window is not what is measured.
            .withCanary(defaults.canary().withEnabled(false));
    try (HeraldNode node = HeraldNode.start(config, Optional.of("bench"), Clock.systemUTC())) {
      AccountId account = node.accounts().create("bench " + System.nanoTime()).account().id();
      // Its sending domain, attested as an administrator would; its RSA key signs every message.
      node.sendingDomains().attest(account, "bench.example", false, "bench");
      if (warmUp > 0) {
        // A server that has been up a while has compiled its hot paths; a fresh JVM has not. The
        // warm-up campaign (other addresses, same message) is delivered in full and not timed.
        Timed warm = campaign(node, account, "warmup", warmUp, dataDir);
        System.err.printf("bench: warm-up campaign of %d in %.1f s%n", warmUp, warm.seconds());
      }
      Timed timed = campaign(node, account, "bench", count, dataDir);
      double seconds = timed.seconds();
      var stats = node.campaignStore().stats(account, timed.id());
      System.out.printf(
          "rows=%d seconds=%.3f delivered=%d deferred=%d%n",
          stats.get(Phase.ALL, "delivered"),
          seconds,
          stats.get(Phase.ALL, "delivered"),
          stats.get(Phase.ALL, "deferred"));
    }
  }

  private record Timed(CampaignId id, double seconds) {}

  /** Imports {@code count} recipients as list {@code name} (not timed), then times the campaign. */
  private static Timed campaign(
      HeraldNode node, AccountId account, String name, long count, Path dataDir) throws Exception {
    Path list = writeList(name, count, dataDir.resolve(name + ".csv"));
    node.imports()
        .runNow(new ImportRequest(account, name, list, name + ".csv", Optional.empty(), false));
    Campaigns campaigns = node.campaigns();
    Campaign campaign =
        campaigns.create(
            account,
            new Campaigns.Draft(
                name,
                Map.of(),
                "Bench Sender",
                "news@bench.example",
                Optional.empty(),
                "News for {{name}}",
                html(),
                Optional.empty()));
    long start = System.nanoTime();
    campaigns.start(account, campaign.id());
    while (!(campaigns.find(account, campaign.id()).orElseThrow().state()
        instanceof CampaignState.Completed)) {
      LockSupport.parkNanos(20_000_000);
    }
    return new Timed(campaign.id(), (System.nanoTime() - start) / 1e9);
  }

  private static Path writeList(String name, long count, Path file) throws Exception {
    Files.createDirectories(file.getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("email,name,city\n");
      for (long i = 0; i < count; i++) {
        out.write(name + i + "@sink.example,Reader " + i + ",Kyiv\n");
      }
    }
    return file;
  }

  /** About 10 KB of HTML with five links and a personalised greeting. */
  static String html() {
    StringBuilder html = new StringBuilder("<html><body><h1>Hello {{name}} from {{city}}</h1>");
    for (int link = 1; link <= 5; link++) {
      html.append("<p><a href=\"https://bench.example/article/")
          .append(link)
          .append("?utm_source=herald\">Article ")
          .append(link)
          .append("</a></p>");
    }
    String paragraph =
        "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
            + " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud"
            + " exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>\n";
    while (html.length() < 10_000) {
      html.append(paragraph);
    }
    return html.append("</body></html>").toString();
  }
}
