package io.herald.account;

import io.herald.account.SendingDomain.Algorithm;
import io.herald.account.SendingDomain.Verification;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Accounts' sending domains (R5): an account adds a domain and gets the DNS records to publish (a
 * verification TXT record with a random token, DKIM keys Herald made for it, SPF and DMARC advice);
 * verifying looks the TXT record up; an administrator may attest a domain instead (proved out of
 * band), recorded in the account's audit trail. A domain is verified by one account at a time:
 * another account that proves control takes it, and the first loses it (also recorded). The sending
 * paths ask {@link SenderDomains}; Herald's own domains ({@code delivery.returnPathDomain}, those
 * of {@code delivery.dkimKeys}) can be no account's.
 */
public final class SendingDomains implements SenderDomains {
  private static final int MAX_BY_LENGTH = 100;
  private static final int MAX_DOMAINS = 100;
  private static final Duration CACHE_FOR = Freezes.CACHE_FOR;

  /** Seals private keys for the store and opens them again (the node's secret box). */
  public interface Seal {
    String seal(String secret);

    String open(String sealed);
  }

  /** What the service works with, wired by the composition root. */
  public record Parts(
      DomainStore store,
      AccountStore accounts,
      DnsTxt dns,
      Seal seal,
      Clock clock,
      RandomGenerator random) {}

  /**
   * A domain as its account sees it.
   *
   * @param status {@code verified}, {@code pending}, or {@code verified_by_another_account}
   * @param text the records as numbered blocks to follow in a DNS panel
   */
  public record View(
      String name,
      String status,
      Optional<Verification> verification,
      List<DnsRecord> records,
      String text) {}

  private final DomainStore store;
  private final AccountStore accounts;
  private final DnsTxt dns;
  private final Seal seal;
  private final Clock clock;
  private final RandomGenerator random;
  private final Set<String> ownDomains;
  private final DomainRecords records;
  private final SenderCheck check;

  /**
   * @param ownDomains Herald's own mail domains, which no account may add
   * @param returnPathDomain Herald's return-path domain, for the SPF advice
   */
  public SendingDomains(Parts parts, Set<String> ownDomains, Optional<String> returnPathDomain) {
    this.store = parts.store();
    this.accounts = parts.accounts();
    this.dns = parts.dns();
    this.seal = parts.seal();
    this.clock = parts.clock();
    this.random = parts.random();
    this.ownDomains =
        Set.copyOf(ownDomains.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT)).toList());
    this.records = new DomainRecords(returnPathDomain);
    UnaryOperator<String> open = seal::open;
    this.check = new SenderCheck(store, this.ownDomains, open, clock, CACHE_FOR);
  }

  /**
   * Adds a domain to the account, pending until verified, with an RSA DKIM key (and an Ed25519 one
   * when asked).
   */
  public View add(AccountId account, String name, boolean ed25519) throws Refusal {
    String domain = acceptable(account, name);
    if (store.list(account).size() >= MAX_DOMAINS) {
      throw new Refusal(
          Refusal.Kind.UNPROCESSABLE,
          "an account has at most " + MAX_DOMAINS + " sending domains; delete one first");
    }
    SendingDomain fresh = make(account, domain, ed25519);
    if (!store.add(fresh)) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "this account has added "
              + domain
              + " already; GET /api/domains/"
              + domain
              + " shows it");
    }
    return view(fresh);
  }

  /**
   * Looks the verification record up in DNS; when it carries the account's token, the domain is the
   * account's from now on (and no longer any other account's).
   */
  public View verify(AccountId account, String name) throws Refusal {
    SendingDomain domain = existing(account, name);
    String at = DomainRecords.verificationName(domain.name());
    List<String> found;
    try {
      found = dns.lookup(at);
    } catch (DnsTxt.Unavailable e) {
      throw new Refusal(
          Refusal.Kind.UNPROCESSABLE,
          "DNS gave no answer for " + at + " (" + e.getMessage() + "); try again in a minute");
    }
    String expected = DomainRecords.VERIFY_PREFIX + domain.token();
    if (found.stream().map(String::strip).noneMatch(expected::equals)) {
      String elsewhere =
          ownedByAnother(account, domain.name())
              ? "; "
                  + domain.name()
                  + " is verified by another account now, and proving control"
                  + " moves it to this one"
              : "";
      throw new Refusal(
          Refusal.Kind.UNPROCESSABLE,
          "no TXT record \""
              + expected
              + "\" at "
              + at
              + " yet ("
              + found.size()
              + " other TXT record(s) there); publish it and verify again"
              + elsewhere);
    }
    return take(domain, new Verification(clock.instant(), "dns"), "domain_verified", "dns");
  }

  /**
   * An administrator's attestation that the account controls the domain (proved out of band): the
   * domain is added when it is not yet, with keys made the same way, and is the account's at once.
   */
  public View attest(AccountId account, String name, boolean ed25519, String by) throws Refusal {
    String who = Refusal.oneLine("by", by, MAX_BY_LENGTH);
    String domain = acceptable(account, name);
    SendingDomain record = store.find(account, domain).orElse(null);
    if (record == null) {
      SendingDomain fresh = make(account, domain, ed25519);
      record = store.add(fresh) ? fresh : existing(account, domain);
    }
    return take(record, new Verification(clock.instant(), "admin:" + who), "domain_attested", who);
  }

  /** Removes the domain from the account; it may not send from it any more. */
  public void delete(AccountId account, String name, String by) throws Refusal {
    SendingDomain domain = existing(account, name);
    if (!store.delete(account, domain.name())) {
      throw notFound(domain.name());
    }
    check.forgetAll();
    accounts.audit(account, new AccountEvent(clock.instant(), "domain_deleted", by, domain.name()));
  }

  public View find(AccountId account, String name) throws Refusal {
    return view(existing(account, name));
  }

  /** The account's domains by name. */
  public List<View> list(AccountId account) {
    List<SendingDomain> all = store.list(account);
    Map<String, AccountId> owners = store.owners(all.stream().map(SendingDomain::name).toList());
    return all.stream().map(d -> view(d, owners.get(d.name()))).toList();
  }

  @Override
  public Optional<String> refusal(AccountId account, String address) {
    return check.refusal(account, address);
  }

  @Override
  public Optional<List<SigningKey>> signingKeys(AccountId account, String fromAddress) {
    return check.signingKeys(account, fromAddress);
  }

  private View take(SendingDomain domain, Verification verification, String action, String by) {
    SendingDomain verified = domain.verified(verification);
    store.update(verified);
    Optional<AccountId> previous = store.claim(domain.name(), domain.account());
    check.forgetAll();
    accounts.audit(
        domain.account(), new AccountEvent(verification.at(), action, by, domain.name()));
    if (previous.isPresent() && !previous.get().equals(domain.account())) {
      accounts.audit(
          previous.get(),
          new AccountEvent(
              verification.at(),
              "domain_lost",
              by,
              domain.name() + ": another account proved control of it"));
    }
    return view(verified, domain.account());
  }

  private String acceptable(AccountId account, String name) throws Refusal {
    String domain = DomainNames.normalise(name);
    for (String own : ownDomains) {
      if (DomainNames.within(domain, own) || DomainNames.within(own, domain)) {
        throw new Refusal(
            Refusal.Kind.UNPROCESSABLE,
            domain + " is one of Herald's own domains (" + own + "); no account may send as it");
      }
    }
    if (accounts.find(account).isEmpty()) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "no account " + account);
    }
    return domain;
  }

  private SendingDomain existing(AccountId account, String name) throws Refusal {
    String domain = DomainNames.normalise(name);
    return store.find(account, domain).orElseThrow(() -> notFound(domain));
  }

  private static Refusal notFound(String domain) {
    return new Refusal(
        Refusal.Kind.NOT_FOUND,
        "this account has no sending domain " + domain + "; add it with POST /api/domains");
  }

  private boolean ownedByAnother(AccountId account, String domain) {
    AccountId owner = store.owners(List.of(domain)).get(domain);
    return owner != null && !owner.equals(account);
  }

  private SendingDomain make(AccountId account, String domain, boolean ed25519) {
    String selector = "herald-" + hex(4);
    List<SendingDomain.DkimKey> keys = new ArrayList<>();
    keys.add(key(selector, Algorithm.RSA));
    if (ed25519) {
      keys.add(key(selector + "-ed", Algorithm.ED25519));
    }
    return new SendingDomain(domain, account, hex(16), clock.instant(), Optional.empty(), keys);
  }

  private SendingDomain.DkimKey key(String selector, Algorithm algorithm) {
    DkimKeyPairs.Generated pair = DkimKeyPairs.generate(algorithm);
    return new SendingDomain.DkimKey(
        selector, algorithm, pair.publicKey(), seal.seal(pair.privateKeyPkcs8()));
  }

  private String hex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  private View view(SendingDomain domain) {
    return view(domain, store.owners(List.of(domain.name())).get(domain.name()));
  }

  private View view(SendingDomain domain, AccountId owner) {
    String status =
        owner == null
            ? "pending"
            : owner.equals(domain.account()) ? "verified" : "verified_by_another_account";
    return new View(
        domain.name(),
        status,
        "verified".equals(status) ? domain.verification() : Optional.empty(),
        records.of(domain),
        records.text(status, domain));
  }
}
