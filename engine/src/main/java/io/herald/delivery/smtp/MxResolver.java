package io.herald.delivery.smtp;

import java.time.Duration;
import java.util.List;

/**
 * Looks up where a domain takes mail. The production implementation is {@link DnsjavaMxResolver};
 * tests give a fake so that no test queries real DNS. Implementations answer, never throw: a DNS
 * failure is an {@link MxAnswer.TemporaryFailure}.
 */
public interface MxResolver {
  MxAnswer lookup(String domain);

  /** What DNS said about a domain's mail servers, with how long the answer may be cached. */
  sealed interface MxAnswer {
    /** Servers in preference order (the domain itself on port 25 when it has no MX). */
    record Hosts(List<HostPort> hosts, Duration ttl) implements MxAnswer {
      public Hosts {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
          throw new IllegalArgumentException("an answer with hosts needs at least one");
        }
      }
    }

    /** The domain does not exist (NXDOMAIN). */
    record NoSuchDomain(Duration ttl) implements MxAnswer {}

    /** The domain declares it takes no mail (RFC 7505 null MX, "MX 0 ."). */
    record NullMx(Duration ttl) implements MxAnswer {}

    /** DNS could not answer now (timeout, SERVFAIL): try again later; never cached. */
    record TemporaryFailure(String reason) implements MxAnswer {}
  }
}
