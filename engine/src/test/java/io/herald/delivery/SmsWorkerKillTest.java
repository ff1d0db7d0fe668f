package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.app.HeraldNode;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Phase;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
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
 * A node JVM killed with SIGKILL in the middle of an SMS campaign: another node on the same Redis
 * reclaims what it held and finishes, every phone gets the SMS (as the SMSC saw it), every
 * recipient ends with exactly one outcome, and the SMSC saw at most as many SMS twice as were in
 * flight at the kill (accepted by the SMSC, not yet recorded: the ledger cannot know those went).
 */
class SmsWorkerKillTest {
  private static final int RECIPIENTS = 2000;
  private static final int CONCURRENCY = 16;

  /**
   * The second node sends most of the campaign; on the shared test machine (and with the whole
   * suite running beside it) that has taken longer than {@link Await}'s minute.
   */
  private static final Duration COMPLETION_BOUND = Duration.ofMinutes(4);

  private static final String SYSTEM_ID = "killtest";
  private static final String PASSWORD = "kill-pw";

  /** The counters that are a recipient's final outcome in an SMS campaign. */
  private static final List<String> OUTCOMES =
      List.of("submitted", "delivered", "undeliverable", "expired", "rejected", "unknown");

  @TempDir Path redisDir;
  @TempDir Path dataA;
  @TempDir Path dataB;

  @Test
  void aKilledNodesSmsAreFinishedByAnotherNodeWithBoundedDuplicates() throws Exception {
    long outcomes;
    try (EmbeddedRedis redis = EmbeddedRedis.start(redisDir, 0);
        SmscSimulator smsc = SmscSimulator.start(SYSTEM_ID, PASSWORD)) {
      String key;
      String campaign;
      try (ChildNode nodeA = startNodeJvm(redis, smsc)) {
        String base = nodeA.baseUrl();
        key = KilledNodes.createAccount(base, "SMS Kill Co");
        KilledNodes.importPhones(base, key, "kill", RECIPIENTS, SmsWorkerKillTest::phone);
        campaign =
            KilledNodes.startCampaign(
                base,
                key,
                Map.of(
                    "channel", "sms",
                    "list", "kill",
                    "fromAddress", "KillTest",
                    "text", "Hi {{name}}, news today.",
                    "trackClicks", false));

        Await.until(() -> smsc.submitted().size(), n -> n >= RECIPIENTS / 4);
        nodeA.kill(); // SIGKILL: no shutdown hook, no acknowledgement, no unbind
        assertThat(smsCount(smsc)).isLessThan(RECIPIENTS); // it really died mid-campaign
      }

      try (HeraldNode nodeB =
          HeraldNode.start(
              nodeConfig(redis, smsc, dataB),
              Optional.of(TestNode.ADMIN_TOKEN),
              Clock.systemUTC())) {
        var account = nodeB.accounts().authenticate(key).orElseThrow().id();
        var id = new CampaignId(campaign);
        long deadline = System.nanoTime() + COMPLETION_BOUND.toNanos();
        CampaignState state = nodeB.campaigns().find(account, id).orElseThrow().state();
        while (!(state instanceof CampaignState.Completed) && System.nanoTime() < deadline) {
          LockSupport.parkNanos(50_000_000);
          state = nodeB.campaigns().find(account, id).orElseThrow().state();
        }
        assertThat(state)
            .as("the campaign after the kill")
            .isInstanceOf(CampaignState.Completed.class);
        var stats = nodeB.campaignStore().stats(account, id);
        outcomes = OUTCOMES.stream().mapToLong(c -> stats.get(Phase.ALL, c)).sum();
      }

      Map<String, Long> perPhone =
          smsc.submitted().stream()
              .filter(SmsWorkerKillTest::startsAnSms)
              .collect(
                  Collectors.groupingBy(
                      SmscSimulator.Submitted::destination, Collectors.counting()));
      assertThat(perPhone).hasSize(RECIPIENTS);
      assertThat(outcomes).as("every recipient has exactly one outcome").isEqualTo(RECIPIENTS);
      assertThat(smsCount(smsc) - RECIPIENTS)
          .as("SMS sent twice are at most the SMS in flight at the kill")
          .isBetween(0L, (long) CONCURRENCY);
    }
  }

  private static String phone(int i) {
    return String.format("+38067%07d", i);
  }

  /** A part without a UDH, or the first part of a concatenated SMS. */
  private static boolean startsAnSms(SmscSimulator.Submitted part) {
    byte[] udh = part.udh();
    return udh.length == 0 || udh[udh.length - 1] == 1;
  }

  private static long smsCount(SmscSimulator smsc) {
    return smsc.submitted().stream().filter(SmsWorkerKillTest::startsAnSms).count();
  }

  private HeraldConfig nodeConfig(EmbeddedRedis redis, SmscSimulator smsc, Path data) {
    return KilledNodes.config(TestNode.config(data), smsc, SYSTEM_ID, PASSWORD, CONCURRENCY)
        .withRedis(new RedisConfig(Optional.of(URI.create(redis.uri().value())), 0));
  }

  private ChildNode startNodeJvm(EmbeddedRedis redis, SmscSimulator smsc) throws Exception {
    return ChildNode.serve(
        dataA, KilledNodes.env(redis.uri().value(), smsc, SYSTEM_ID, PASSWORD, CONCURRENCY));
  }
}
