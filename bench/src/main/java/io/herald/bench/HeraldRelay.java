package io.herald.bench;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.config.DataConfig;
import io.herald.config.DeliveryConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import io.herald.config.RedisConfig;
import io.herald.config.RelayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Herald's side of the relay scenario: a node whose SMTP relay listens on a loopback port, with
 * 127.0.0.1/32 trusted and mapped to one account (no AUTH), and whose delivery goes on to an SMTP
 * sink through {@code connections} pooled connections while messages arrive. {@code bench/run}
 * times {@code smtp-source} against it from outside; this harness only runs the node.
 *
 * <p>The account is created in a first start of the node on the same data directory (the relay
 * names its trusted account in its configuration), then the node is started again with the relay.
 * Prints {@code ready port=…} once the relay listens, then runs until {@code stopFile} exists, and
 * prints {@code stats …} before closing the node.
 */
final class HeraldRelay {
  private HeraldRelay() {}

  static void run(int relayPort, int sinkPort, int connections, Path dataDir, Path stopFile)
      throws Exception {
    HeraldConfig defaults = HeraldConfig.defaults();
    DeliveryConfig delivery =
        defaults
            .delivery()
            .withSmarthost("127.0.0.1", sinkPort)
            .withLimits(connections, connections * 4, "1000000/s");
    HeraldConfig base =
        defaults
            .withHttp(new HttpConfig("127.0.0.1", 0, defaults.http().maxUploadBytes()))
            .withData(new DataConfig(dataDir))
            .withDelivery(delivery)
            .withRelay(defaults.relay().withPort(0))
            .withMetrics(defaults.metrics().withPort(0))
            // The embedded Redis's append-only fsync (redis.embeddedFsync): everysec or always.
            .withRedis(
                new RedisConfig(
                    defaults.redis().uri(),
                    0,
                    System.getenv().getOrDefault("HERALD_REDIS_EMBEDDED_FSYNC", "everysec")))
            // Throughput is measured, not the plans (R9): the free plan's quota would stop the run.
            .withoutQuotas();
    AccountId account;
    try (HeraldNode node = HeraldNode.start(base, Optional.of("bench"), Clock.systemUTC())) {
      account = node.accounts().create("bench relay").account().id();
      // smtp-source sends from bench@bench.example
      node.sendingDomains().attest(account, "bench.example", false, "bench");
    }
    RelayConfig r = defaults.relay();
    RelayConfig relay =
        new RelayConfig(
            "127.0.0.1",
            relayPort,
            Optional.of("herald-bench.localdomain"),
            false,
            List.of("127.0.0.1/32"),
            Optional.of(account.value()),
            Optional.empty(),
            Optional.empty(),
            r.maxMessageSize(),
            Math.max(r.maxConnectionsPerIp(), connections * 2),
            // What is measured is the relay's own speed, not the per-account limit.
            "1000000/s",
            r.abuse().withNetworkConnections(connections * 2));
    try (HeraldNode node =
        HeraldNode.start(base.withRelay(relay), Optional.of("bench"), Clock.systemUTC())) {
      System.out.println("ready port=" + relayPort + " account=" + account.value());
      System.out.flush();
      while (!Files.exists(stopFile)) {
        LockSupport.parkNanos(50_000_000);
      }
      System.out.println("stats account=" + account.value());
      System.out.flush();
    }
  }
}
