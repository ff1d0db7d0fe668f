package io.herald.submission;

import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.Accounts;
import io.herald.config.RelayConfig;
import io.herald.delivery.smtp.ThrottleSpec;
import io.herald.feedback.InboundFeedback;
import io.herald.message.Messages;
import io.herald.relay.RelayServer;
import io.herald.relay.RelaySettings;
import io.herald.relay.TlsSettings;
import io.herald.tracking.TokenSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Herald's SMTP relay as part of a node: the {@code smtp-relay} library's server, configured from
 * {@code relay.*}, with {@link RelayGate} deciding policy. Started by {@code herald serve} and
 * closed with the node.
 */
public final class SmtpRelay implements AutoCloseable {
  private final RelayServer server;
  private final InetSocketAddress bound;

  /** What the relay hands accepted mail to, wired by the composition root. */
  public record Parts(
      Accounts accounts,
      AccountStore accountStore,
      Messages messages,
      InboundFeedback inbound,
      TokenSigner signer,
      Optional<String> returnPathDomain,
      Clock clock,
      java.util.function.Predicate<AccountId> frozen,
      MeterRegistry metrics,
      io.herald.account.SenderDomains senders) {}

  private SmtpRelay(RelayServer server, InetSocketAddress bound) {
    this.server = server;
    this.bound = bound;
  }

  /** Builds the relay from its configuration and starts listening. */
  public static SmtpRelay start(RelayConfig config, Path dataDir, Parts parts) throws IOException {
    Optional<AccountId> trustedAccount = trustedAccount(config);
    RelaySettings.Builder settings =
        RelaySettings.builder()
            .host(config.host())
            .port(config.port())
            .serverName(config.serverName().orElseGet(SmtpRelay::hostName))
            .allowPlainAuth(config.allowPlainAuth())
            // One source of truth: the relay answers at SIZE and RCPT with what a message may
            // hold (relay.maxMessageSize feeds message.Limits), never accepts what submit refuses.
            .maxMessageSize(parts.messages().limits().maxRawBytes())
            .maxRecipients(parts.messages().limits().maxRecipients())
            .maxConnectionsPerIp(config.maxConnectionsPerIp())
            .maxConnectionsPerNetwork(config.abuse().maxConnectionsPerNetwork())
            .maxConnections(config.abuse().maxConnections())
            .connectionReserve(config.abuse().connectionReserve())
            .minDataRate(config.abuse().minDataRate())
            .dataRateInterval(config.abuse().dataRateInterval())
            .maxSessionTime(config.abuse().maxSessionTime())
            .idleTimeout(config.abuse().idleTimeout())
            .authFailureDelay(config.abuse().authFailureDelay())
            .maxAuthFailures(config.abuse().maxAuthFailures())
            .authFailureWindow(config.abuse().authFailureWindow())
            .tls(tls(config, dataDir))
            .spoolDirectory(Files.createDirectories(dataDir.resolve("relay-spool")));
    config.trustedNetworks().forEach(settings::trustedNetwork);
    int maxBytes = parts.messages().limits().maxRawWithTrace();
    RelayGate gate =
        new RelayGate(
            parts.accounts(),
            parts.accountStore(),
            parts.messages(),
            parts.inbound(),
            new OwnAddresses(parts.signer(), parts.returnPathDomain()),
            new AccountRates(ThrottleSpec.parse(config.accountRate())),
            trustedAccount,
            maxBytes,
            parts.frozen(),
            parts.senders());
    RelayServer server =
        new RelayServer(settings.build(), gate, new RelayMetrics(parts.metrics()), parts.clock());
    return new SmtpRelay(server, server.start());
  }

  private static Optional<AccountId> trustedAccount(RelayConfig config) {
    if (config.trustedNetworks().isEmpty()) {
      return Optional.empty();
    }
    String id =
        config
            .trustedAccount()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "relay.trustedNetworks is set but relay.trustedAccount is empty: name the"
                            + " account that trusted clients send as"));
    try {
      return Optional.of(new AccountId(id));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("relay.trustedAccount: " + e.getMessage());
    }
  }

  private static TlsSettings tls(RelayConfig config, Path dataDir) {
    if (config.tlsCertificate().isPresent() != config.tlsKey().isPresent()) {
      throw new IllegalArgumentException(
          "relay.tlsCertificate and relay.tlsKey are set together or not at all");
    }
    if (config.tlsCertificate().isPresent()) {
      return new TlsSettings.PemFiles(
          Path.of(config.tlsCertificate().get()), Path.of(config.tlsKey().get()));
    }
    return new TlsSettings.SelfSigned(dataDir.resolve("relay-tls"));
  }

  private static String hostName() {
    try {
      String name = InetAddress.getLocalHost().getCanonicalHostName();
      return name.matches("[A-Za-z0-9.-]{1,253}") ? name : "localhost";
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The port the relay listens on (the configured one, or the one picked for 0). */
  public int port() {
    return bound.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
