package io.herald.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Herald's SMTP relay (R10): where it listens, who may send without AUTH, its TLS certificate and
 * its limits. See {@code docs/configuration.md} for each key.
 *
 * @param host address to bind
 * @param port port to bind; 0 picks a free one
 * @param serverName greeting and Received name; empty uses the host name
 * @param allowPlainAuth AUTH before STARTTLS allowed (local use only)
 * @param trustedNetworks client networks that send as {@code trustedAccount} without AUTH
 * @param trustedAccount the account id for trusted networks
 * @param tlsCertificate PEM certificate chain; empty generates a self-signed one
 * @param tlsKey PEM private key of the certificate
 * @param maxMessageSize largest message in bytes (the relay's SIZE and the largest raw message)
 * @param maxConnectionsPerIp most simultaneous connections from one address
 * @param accountRate messages per account and period, such as {@code 100/s}
 * @param abuse the limits against clients that hold the relay or guess passwords
 */
public record RelayConfig(
    String host,
    int port,
    Optional<String> serverName,
    boolean allowPlainAuth,
    List<String> trustedNetworks,
    Optional<String> trustedAccount,
    Optional<String> tlsCertificate,
    Optional<String> tlsKey,
    long maxMessageSize,
    int maxConnectionsPerIp,
    String accountRate,
    RelayAbuseLimits abuse) {

  public RelayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(serverName, "serverName");
    trustedNetworks = List.copyOf(trustedNetworks);
    Objects.requireNonNull(trustedAccount, "trustedAccount");
    Objects.requireNonNull(tlsCertificate, "tlsCertificate");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(accountRate, "accountRate");
    Objects.requireNonNull(abuse, "abuse");
  }

  /** The same relay on another port (tests and the demo use 0). */
  public RelayConfig withPort(int next) {
    return new RelayConfig(
        host,
        next,
        serverName,
        allowPlainAuth,
        trustedNetworks,
        trustedAccount,
        tlsCertificate,
        tlsKey,
        maxMessageSize,
        maxConnectionsPerIp,
        accountRate,
        abuse);
  }

  /** The same relay with another largest message size (tests use a small one). */
  public RelayConfig withMaxMessageSize(long next) {
    return new RelayConfig(
        host,
        port,
        serverName,
        allowPlainAuth,
        trustedNetworks,
        trustedAccount,
        tlsCertificate,
        tlsKey,
        next,
        maxConnectionsPerIp,
        accountRate,
        abuse);
  }

  /** The same relay with these networks sending as {@code account} without AUTH. */
  public RelayConfig withTrusted(List<String> networks, String account) {
    return new RelayConfig(
        host,
        port,
        serverName,
        allowPlainAuth,
        networks,
        Optional.of(account),
        tlsCertificate,
        tlsKey,
        maxMessageSize,
        maxConnectionsPerIp,
        accountRate,
        abuse);
  }
}
