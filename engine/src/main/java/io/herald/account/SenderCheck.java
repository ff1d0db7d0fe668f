package io.herald.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Answers the sending paths' question (may this account send as this address, with which keys) from
 * a per-node cache of {@code cacheFor}: every message of a campaign asks, and the answer changes
 * only when a domain is verified, attested, lost or deleted. A change made on this node clears the
 * cache at once; one made on another node is seen here within {@code cacheFor}.
 */
final class SenderCheck implements SenderDomains {
  private static final int MAX_CACHED = 100_000;

  /** The verified domain covering an address and its keys; no domain when the account has none. */
  private record Answer(Optional<String> domain, List<SigningKey> keys, Instant until) {}

  private record Key(AccountId account, String domain) {}

  private final DomainStore store;
  private final Set<String> ownDomains;
  private final UnaryOperator<String> open;
  private final Clock clock;
  private final Duration cacheFor;
  private final Map<Key, Answer> cache = new ConcurrentHashMap<>();

  /**
   * @param open opens a sealed private key
   */
  SenderCheck(
      DomainStore store,
      Set<String> ownDomains,
      UnaryOperator<String> open,
      Clock clock,
      Duration cacheFor) {
    this.store = store;
    this.ownDomains = Set.copyOf(ownDomains);
    this.open = open;
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  void forgetAll() {
    cache.clear();
  }

  @Override
  public Optional<String> refusal(AccountId account, String address) {
    String domain = DomainNames.domainOf(address);
    if (domain.isEmpty()) {
      return Optional.of("the sender address " + address + " has no domain");
    }
    for (String own : ownDomains) {
      if (DomainNames.within(domain, own)) {
        return Optional.of("the sender address " + address + " is on Herald's own domain " + own);
      }
    }
    if (answer(account, domain).domain().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "the sender address "
            + address
            + " is not on a verified sending domain of this account: add "
            + domain
            + " (POST /api/domains, herald domain add "
            + domain
            + "), publish the DNS records it returns, then verify it (POST /api/domains/"
            + domain
            + "/verify)");
  }

  @Override
  public Optional<List<SigningKey>> signingKeys(AccountId account, String fromAddress) {
    String domain = DomainNames.domainOf(fromAddress);
    if (domain.isEmpty()) {
      return Optional.empty();
    }
    Answer answer = answer(account, domain);
    return answer.domain().map(d -> answer.keys());
  }

  private Answer answer(AccountId account, String domain) {
    Instant now = clock.instant();
    Key key = new Key(account, domain);
    Answer cached = cache.get(key);
    if (cached != null && now.isBefore(cached.until())) {
      return cached;
    }
    Answer fresh = lookUp(account, domain, now.plus(cacheFor));
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(key, fresh);
    return fresh;
  }

  // The nearest domain some account verified decides: a subdomain that another account verified
  // is that account's, even under this account's parent domain.
  private Answer lookUp(AccountId account, String domain, Instant until) {
    List<String> names = DomainNames.selfAndParents(domain);
    Map<String, AccountId> owners = store.owners(names);
    for (String name : names) {
      AccountId owner = owners.get(name);
      if (owner == null) {
        continue;
      }
      if (!owner.equals(account)) {
        break;
      }
      Optional<SendingDomain> record = store.find(account, name);
      if (record.isEmpty()) {
        break;
      }
      List<SigningKey> keys = new ArrayList<>();
      for (SendingDomain.DkimKey k : record.get().keys()) {
        keys.add(
            new SigningKey(
                name,
                k.selector(),
                DkimKeyPairs.privateKey(k.algorithm(), open.apply(k.sealedPrivateKey()))));
      }
      return new Answer(Optional.of(name), List.copyOf(keys), until);
    }
    return new Answer(Optional.empty(), List.of(), until);
  }
}
