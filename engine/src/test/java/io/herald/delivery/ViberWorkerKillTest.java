package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.app.HeraldNode;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.Phase;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.channel.viber.sim.Received;
import io.herald.channel.viber.sim.ViberSimulator;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.config.ViberConfig;
import io.herald.store.redis.EmbeddedRedis;
import io.herald.testing.Await;
import io.herald.testing.ChildNode;
import io.herald.testing.KilledNodes;
import io.herald.testing.TestNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node JVM killed with SIGKILL in the middle of a Viber campaign with an SMS fallback: another
 * node on the same Redis reclaims what it held, takes the reports the dead node never got (by
 * polling the provider) and finishes. Every recipient ends with exactly one outcome, every number
 * without Viber gets the SMS, no number Viber reached gets one, and Viber saw at most as many
 * messages twice as were in flight at the kill.
 */
class ViberWorkerKillTest {
  private static final int RECIPIENTS = 1000;
  private static final int CONCURRENCY = 16;
  private static final Duration COMPLETION_BOUND = Duration.ofMinutes(4);
  private static final String SYSTEM_ID = "killtest";
  private static final String PASSWORD = "kill-pw";
  private static final String API_KEY = "herald";
  private static final String API_SECRET = "herald-secret";
  private static final String SIGNATURE_SECRET = "kill-test-signature-secret";

  /** Final outcomes of a Viber campaign with a fallback, the fallback SMS's included. */
  private static final List<String> OUTCOMES =
      List.of(
          "viber_delivered",
          "viber_undelivered",
          "viber_expired",
          "not_viber_user",
          "delivered",
          "undeliverable",
          "expired",
          "rejected",
          "unknown");

  @TempDir Path redisDir;
  @TempDir Path dataA;
  @TempDir Path dataB;

  @Test
  void aKilledNodesViberCampaignIsFinishedByAnotherNodeAndNobodyGetsBoth() throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start(redisDir, 0);
        SmscSimulator smsc = SmscSimulator.start(SYSTEM_ID, PASSWORD);
        ViberSimulator viber =
            new ViberSimulator(
                API_KEY,
                API_SECRET,
                SIGNATURE_SECRET,
                Optional.empty(),
                HeraldNode.objectMapper(),
                Clock.systemUTC())) {
      String key;
      String campaign;
      try (ChildNode nodeA = startNodeJvm(redis, smsc, viber)) {
        String base = nodeA.baseUrl();
        viber.callbackUrl(Optional.of(URI.create(base + "/viber/reports")));
        key = KilledNodes.createAccount(base, "Viber Kill Co");
        KilledNodes.importPhones(base, key, "kill", RECIPIENTS, ViberWorkerKillTest::phone);
        campaign =
            KilledNodes.startCampaign(
                base,
                key,
                Map.of(
                    "channel", "viber",
                    "list", "kill",
                    "fromAddress", "Kill Test",
                    "text", "Hi {{name}}, news today.",
                    "trackClicks", false,
                    "viber",
                        Map.of(
                            "ttlSeconds",
                            3600,
                            "fallback",
                            Map.of("text", "Hi {{name}}, news.", "sender", "KillTest"))));

        Await.until(viber::sends, n -> n >= RECIPIENTS / 4);
        nodeA.kill(); // SIGKILL: no shutdown hook, no acknowledgement
        viber.callbackUrl(Optional.empty()); // reports now wait to be polled
        assertThat(viber.sends()).isLessThan(RECIPIENTS); // it really died mid-campaign
      }

      CampaignStats stats;
      try (HeraldNode nodeB =
          HeraldNode.start(
              nodeConfig(redis, smsc, viber, dataB),
              Optional.of(TestNode.ADMIN_TOKEN),
              Clock.systemUTC())) {
        viber.callbackUrl(
            Optional.of(URI.create("http://127.0.0.1:" + nodeB.httpPort() + "/viber/reports")));
        var account = nodeB.accounts().authenticate(key).orElseThrow().id();
        var id = new CampaignId(campaign);
        long deadline = System.nanoTime() + COMPLETION_BOUND.toNanos();
        stats = nodeB.campaignStore().stats(account, id);
        while (!settled(stats) && System.nanoTime() < deadline) {
          LockSupport.parkNanos(100_000_000);
          stats = nodeB.campaignStore().stats(account, id);
        }
        assertThat(settled(stats)).as("every recipient settled: %s", stats).isTrue();
      }

      CampaignStats last = stats;
      long outcomes = OUTCOMES.stream().mapToLong(c -> last.get(Phase.ALL, c)).sum();
      assertThat(outcomes).as("every recipient has exactly one outcome").isEqualTo(RECIPIENTS);
      Map<String, Long> viberPerPhone =
          viber.received().stream()
              .collect(Collectors.groupingBy(Received::to, Collectors.counting()));
      assertThat(viberPerPhone).hasSize(RECIPIENTS);
      assertThat(viber.received().size() - RECIPIENTS)
          .as("Viber messages sent twice are at most those in flight at the kill")
          .isBetween(0, CONCURRENCY);
      Map<String, Long> smsPerPhone =
          smsc.submitted().stream()
              .collect(
                  Collectors.groupingBy(
                      SmscSimulator.Submitted::destination, Collectors.counting()));
      // By the simulator's rule: numbers ending in 0 have no Viber, 9 are undeliverable, 8 expire:
      // they get the SMS; 6 blocked the sender: neither; the others got Viber and no SMS.
      for (int i = 0; i < RECIPIENTS; i++) {
        String digits = phone(i).substring(1);
        char end = digits.charAt(digits.length() - 1);
        if (end == '0' || end == '9' || end == '8') {
          assertThat(smsPerPhone).as("the fallback SMS to %s", digits).containsKey(digits);
        } else {
          assertThat(smsPerPhone)
              .as("no SMS to %s, which Viber reached", digits)
              .doesNotContainKey(digits);
        }
      }
      assertThat(
              smsPerPhone.values().stream().mapToLong(Long::longValue).sum() - smsPerPhone.size())
          .as("fallback SMS sent twice are at most those in flight")
          .isBetween(0L, (long) CONCURRENCY);
    }
  }

  /** Nothing awaits a report or a fallback any more, and every recipient has an outcome. */
  private static boolean settled(CampaignStats stats) {
    long outcomes = OUTCOMES.stream().mapToLong(c -> stats.get(Phase.ALL, c)).sum();
    return outcomes >= RECIPIENTS
        && stats.get(Phase.ALL, "viber_submitted") == 0
        && stats.get(Phase.ALL, "fallback_pending") == 0
        && stats.get(Phase.ALL, "submitted") == 0;
  }

  private static String phone(int i) {
    return String.format("+38067%07d", i);
  }

  private HeraldConfig nodeConfig(
      EmbeddedRedis redis, SmscSimulator smsc, ViberSimulator viber, Path data) {
    return KilledNodes.config(TestNode.config(data), smsc, SYSTEM_ID, PASSWORD, CONCURRENCY)
        .withViber(
            new ViberConfig(
                true,
                viber.baseUrl(),
                API_KEY,
                API_SECRET,
                SIGNATURE_SECRET,
                URI.create("http://127.0.0.1/viber/reports"),
                Duration.ofSeconds(2), // polls for what the dead node's callbacks lost
                Duration.ofHours(2),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5)))
        .withRedis(new RedisConfig(Optional.of(URI.create(redis.uri().value())), 0));
  }

  private ChildNode startNodeJvm(EmbeddedRedis redis, SmscSimulator smsc, ViberSimulator viber)
      throws Exception {
    Map<String, String> env =
        new java.util.HashMap<>(
            KilledNodes.env(redis.uri().value(), smsc, SYSTEM_ID, PASSWORD, CONCURRENCY));
    env.putAll(
        Map.of(
            "HERALD_VIBER_ENABLED", "true",
            "HERALD_VIBER_BASE_URL", viber.baseUrl().toString(),
            "HERALD_VIBER_API_KEY", API_KEY,
            "HERALD_VIBER_API_SECRET", API_SECRET,
            "HERALD_VIBER_SIGNATURE_SECRET", SIGNATURE_SECRET));
    return ChildNode.serve(dataA, env);
  }
}
