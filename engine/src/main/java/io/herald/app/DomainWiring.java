package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountStore;
import io.herald.account.DnsjavaTxt;
import io.herald.account.SendingDomains;
import io.herald.channel.email.DkimSigning;
import io.herald.config.HeraldConfig;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisDomainStore;
import io.herald.tracking.TokenSigner;
import io.herald.webhook.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds accounts' sending domains (R5) for the composition root: their DKIM keys sealed with a key
 * derived from the tracking secret (the same on every node, so any node signs), TXT look-ups
 * through the configured DNS server, and Herald's own domains (the return path's, those of {@code
 * delivery.dkimKeys}) kept out of every account's reach.
 */
final class DomainWiring {
  private static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);

  private DomainWiring() {}

  static SendingDomains sendingDomains(
      HeraldConfig config,
      Redis redis,
      ObjectMapper mapper,
      AccountStore accountStore,
      TokenSigner signer,
      List<DkimSigning> operatorKeys,
      Clock clock,
      SecureRandom random) {
    Set<String> own = new HashSet<>();
    config.delivery().returnPathDomain().ifPresent(own::add);
    operatorKeys.forEach(k -> own.add(k.domain()));
    return new SendingDomains(
        new SendingDomains.Parts(
            new RedisDomainStore(redis, mapper),
            accountStore,
            new DnsjavaTxt(config.delivery().verificationDnsServer(), DNS_TIMEOUT),
            new SecretBox(signer.derivedKey("dkim-keys"), random),
            clock,
            random),
        own,
        config.delivery().returnPathDomain());
  }
}
