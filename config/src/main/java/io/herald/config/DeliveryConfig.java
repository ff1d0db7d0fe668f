package io.herald.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How Herald delivers email. With {@code smtpHost} set, every message goes through that smarthost;
 * without it, straight to each recipient domain's MX hosts. Limits apply per destination domain.
 *
 * @param smtpHost the smarthost, or empty to deliver to MX hosts
 * @param smtpPort the smarthost's port
 * @param smtpTls {@code none}, {@code starttls} (required) or {@code tls} (implicit)
 * @param smtpUsername AUTH user for the smarthost, or empty for none
 * @param smtpPassword AUTH password for the smarthost
 * @param smtpMaxConnections most simultaneous connections to the smarthost
 * @param concurrency messages one node sends at the same time
 * @param rate default message rate per destination domain, e.g. {@code 100/s}
 * @param maxConnectionsPerDomain default simultaneous connections per destination domain
 * @param retryMaxAge how long a deferred message is retried before it is a soft bounce
 * @param reclaimAfter how long a claimed, unfinished message waits before another node takes it
 * @param mxOverrides {@code domain=host:port} pairs used instead of DNS (tests, local catchers)
 * @param returnPathDomain domain of the VERP return path; empty means the sender's domain
 * @param domainLimits {@code domain=connections:rate} pairs overriding the per-domain defaults
 * @param dkimKeys {@code domain=selector:keyfile} entries: the DKIM key that signs mail from each
 *     of Herald's own domains (RSA or Ed25519, PKCS#8 PEM); accounts' sending domains have keys of
 *     their own
 * @param verificationDnsServer {@code host:port} of the DNS server that sending-domain verification
 *     asks, or empty for the system's resolvers
 */
public record DeliveryConfig(
    Optional<String> smtpHost,
    int smtpPort,
    String smtpTls,
    Optional<String> smtpUsername,
    Optional<String> smtpPassword,
    int smtpMaxConnections,
    int concurrency,
    String rate,
    int maxConnectionsPerDomain,
    Duration retryMaxAge,
    Duration reclaimAfter,
    List<String> mxOverrides,
    Optional<String> returnPathDomain,
    List<String> domainLimits,
    List<String> dkimKeys,
    Optional<String> verificationDnsServer) {

  public DeliveryConfig {
    Objects.requireNonNull(smtpHost, "smtpHost");
    Objects.requireNonNull(smtpTls, "smtpTls");
    Objects.requireNonNull(smtpUsername, "smtpUsername");
    Objects.requireNonNull(smtpPassword, "smtpPassword");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(retryMaxAge, "retryMaxAge");
    Objects.requireNonNull(reclaimAfter, "reclaimAfter");
    mxOverrides = List.copyOf(mxOverrides);
    Objects.requireNonNull(returnPathDomain, "returnPathDomain");
    domainLimits = List.copyOf(domainLimits);
    dkimKeys = List.copyOf(dkimKeys);
    Objects.requireNonNull(verificationDnsServer, "verificationDnsServer");
  }

  /** The same settings delivering through {@code host:port} without TLS or AUTH. */
  public DeliveryConfig withSmarthost(String host, int port) {
    return new DeliveryConfig(
        Optional.of(host),
        port,
        "none",
        Optional.empty(),
        Optional.empty(),
        smtpMaxConnections,
        concurrency,
        rate,
        maxConnectionsPerDomain,
        retryMaxAge,
        reclaimAfter,
        mxOverrides,
        returnPathDomain,
        domainLimits,
        dkimKeys,
        verificationDnsServer);
  }

  /** The same settings with {@code connections} per destination (and to a smarthost). */
  public DeliveryConfig withLimits(int connections, int messagesAtOnce, String messageRate) {
    return new DeliveryConfig(
        smtpHost,
        smtpPort,
        smtpTls,
        smtpUsername,
        smtpPassword,
        connections,
        messagesAtOnce,
        messageRate,
        connections,
        retryMaxAge,
        reclaimAfter,
        mxOverrides,
        returnPathDomain,
        domainLimits,
        dkimKeys,
        verificationDnsServer);
  }

  public DeliveryConfig withReclaimAfter(Duration after) {
    return new DeliveryConfig(
        smtpHost,
        smtpPort,
        smtpTls,
        smtpUsername,
        smtpPassword,
        smtpMaxConnections,
        concurrency,
        rate,
        maxConnectionsPerDomain,
        retryMaxAge,
        after,
        mxOverrides,
        returnPathDomain,
        domainLimits,
        dkimKeys,
        verificationDnsServer);
  }

  /** The same settings signing with the given {@code domain=selector:keyfile} DKIM entries. */
  public DeliveryConfig withDkimKeys(List<String> entries) {
    return new DeliveryConfig(
        smtpHost,
        smtpPort,
        smtpTls,
        smtpUsername,
        smtpPassword,
        smtpMaxConnections,
        concurrency,
        rate,
        maxConnectionsPerDomain,
        retryMaxAge,
        reclaimAfter,
        mxOverrides,
        returnPathDomain,
        domainLimits,
        entries,
        verificationDnsServer);
  }

  /** The same settings verifying sending domains through the DNS server at {@code hostPort}. */
  public DeliveryConfig withVerificationDnsServer(String hostPort) {
    return new DeliveryConfig(
        smtpHost,
        smtpPort,
        smtpTls,
        smtpUsername,
        smtpPassword,
        smtpMaxConnections,
        concurrency,
        rate,
        maxConnectionsPerDomain,
        retryMaxAge,
        reclaimAfter,
        mxOverrides,
        returnPathDomain,
        domainLimits,
        dkimKeys,
        Optional.of(hostPort));
  }

  /** The same settings with the VERP return path on {@code domain}. */
  public DeliveryConfig withReturnPathDomain(String domain) {
    return new DeliveryConfig(
        smtpHost,
        smtpPort,
        smtpTls,
        smtpUsername,
        smtpPassword,
        smtpMaxConnections,
        concurrency,
        rate,
        maxConnectionsPerDomain,
        retryMaxAge,
        reclaimAfter,
        mxOverrides,
        Optional.of(domain),
        domainLimits,
        dkimKeys,
        verificationDnsServer);
  }
}
