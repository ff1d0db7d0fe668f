package io.herald.bench;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.ImportRequest;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Campaigns;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.config.SmsConfig;
import io.herald.config.SmscConfig;
import io.herald.store.redis.EmbeddedRedis;
import java.io.BufferedWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Herald's side of the SMS scenario: a list of {@code count} phones is imported (not timed), then
 * an SMS campaign (canary off: the whole audience is what is measured) is started and timed until
 * every recipient is submitted — composing (personalised text, a short tracked link, the opt-out
 * line with its short unsubscribe link), GSM-7 encoding and splitting, ledger and counters in
 * Redis, and {@code submit_sm} over {@code connections} SMPP connections of {@code window}
 * outstanding each, while the server's receipts come back and are recorded.
 */
final class HeraldSms {
  /**
   * The campaign's text: personalised, with one link, about 200 GSM-7 characters once the opt-out
   * line is added, so every SMS is two concatenated parts whatever the name.
   */
  static final String TEXT =
      "Hello {{name}}! Our spring sale starts today: 30% off every plan until Sunday."
          + " See the offers at https://bench.example/spring?utm_source=sms";

  private HeraldSms() {}

  /**
   * @param warmUp phones of an untimed campaign delivered first (0: none), so that the timed one
   *     runs on compiled code as a server that has been up a while does
   * @param workers Herald's sending workers ({@code delivery.concurrency}); 0: one per window slot
   */
  static void run(
      long count,
      long warmUp,
      String host,
      int port,
      int connections,
      int window,
      int workers,
      Path dataDir)
      throws Exception {
    HeraldConfig defaults = HeraldConfig.defaults();
    List<SmscConfig> smsc = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      smsc.add(
          SmscConfig.of("bench-" + c, host, port, ReferenceSms.SYSTEM_ID, ReferenceSms.PASSWORD)
              // The rate is not what is measured: the reference has none either.
              .withLimits(window, 100_000));
    }
    SmsConfig s = defaults.sms();
    HeraldConfig config =
        BenchNodes.config(dataDir)
            // By default as many sending workers as there are window slots.
            .withDelivery(
                defaults
                    .delivery()
                    .withLimits(
                        defaults.delivery().smtpMaxConnections(),
                        workers > 0 ? workers : connections * window,
                        "1000000/s"))
            .withCanary(defaults.canary().withEnabled(false))
            // No quiet hours (start = end): a bench run at night must not wait for the morning.
            .withSms(
                new SmsConfig(
                    true,
                    smsc,
                    s.receiptTimeout(),
                    s.undeliverableLimit(),
                    LocalTime.MIDNIGHT,
                    LocalTime.MIDNIGHT,
                    Optional.empty()));
    // Herald's usual embedded Redis, started here so that the bench can ask it what it did.
    try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir.resolve("redis"), 0);
        HeraldNode node =
            HeraldNode.start(
                config.withRedis(new RedisConfig(Optional.of(URI.create(redis.uri().value())), 0)),
                Optional.of("bench"),
                Clock.systemUTC())) {
      AccountId account = node.accounts().create("bench " + System.nanoTime()).account().id();
      if (warmUp > 0) {
        Timed warm =
            campaign(
                node,
                account,
                "warmup",
                ReferenceSms.WARM_UP_PHONES,
                warmUp,
                dataDir,
                redis.uri().value());
        System.err.printf(
            "bench: Herald warm-up campaign of %d in %.1f s%n", warmUp, warm.seconds());
      }
      Timed timed = campaign(node, account, "phones", 0, count, dataDir, redis.uri().value());
      var stats = node.campaignStore().stats(account, timed.id());
      System.out.printf(
          "rows=%d seconds=%.3f cpu_seconds=%.1f submitted=%d delivered=%d parts=%d deferred=%d%n",
          stats.get(Phase.ALL, "submitted") + stats.get(Phase.ALL, "delivered"),
          timed.seconds(),
          timed.cpuSeconds(),
          stats.get(Phase.ALL, "submitted"),
          stats.get(Phase.ALL, "delivered"),
          stats.get(Phase.ALL, "parts"),
          stats.get(Phase.ALL, "deferred"));
      System.out.printf(
          "redis server_cpu_s=%.1f commands_per_sms=%s%n",
          timed.redisAfter().cpuSeconds() - timed.redisBefore().cpuSeconds(),
          RedisStats.perMessage(timed.redisBefore(), timed.redisAfter(), count));
    }
  }

  /** A campaign's time, and what Redis had done before its start and after its end. */
  private record Timed(
      CampaignId id,
      double seconds,
      double cpuSeconds,
      RedisStats redisBefore,
      RedisStats redisAfter) {}

  /** Imports phones {@code first} onwards as list {@code name} (not timed), times the campaign. */
  private static Timed campaign(
      HeraldNode node,
      AccountId account,
      String name,
      long first,
      long count,
      Path dataDir,
      String redisUri)
      throws Exception {
    Path list = writeList(first, count, dataDir.resolve(name + ".csv"));
    node.imports()
        .runNow(new ImportRequest(account, name, list, name + ".csv", Optional.empty(), false));
    Campaigns campaigns = node.campaigns();
    Campaign campaign =
        campaigns.create(
            account,
            new Campaigns.Draft(
                Channel.SMS,
                name,
                Map.of(),
                "",
                "HeraldBench",
                Optional.empty(),
                "",
                "",
                Optional.of(TEXT),
                true));
    RedisStats before = RedisStats.read(redisUri);
    long cpu = ProcessCpu.nanos();
    long start = System.nanoTime();
    // When it starts, to cut a flight recording (BENCH_JFR) to the campaign.
    System.err.println("bench: campaign " + name + " starts at " + java.time.Instant.now());
    campaigns.start(account, campaign.id());
    while (!(campaigns.find(account, campaign.id()).orElseThrow().state()
        instanceof CampaignState.Completed)) {
      LockSupport.parkNanos(20_000_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu) / 1e9;
    return new Timed(campaign.id(), seconds, cpuSeconds, before, RedisStats.read(redisUri));
  }

  private static Path writeList(long first, long count, Path file) throws Exception {
    Files.createDirectories(file.getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("phone,name\n");
      for (long i = first; i < first + count; i++) {
        out.write(BenchPhones.e164(i) + ",Reader " + i + "\n");
      }
    }
    return file;
  }
}
