package io.herald.account;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A domain an account sends from (R5), as the account added it: the random token its verification
 * TXT record must carry, the DKIM keys Herald made for it (private halves sealed), and the last
 * time its control was proved. Whether the account may send from it now is not here: a domain is
 * verified by one account at a time, and the store's owner index says which ({@link
 * SendingDomains#list}).
 *
 * @param name the domain, lower-case ASCII (an IDN in its {@code xn--} form)
 * @param token the value the verification record {@code _herald.<name> TXT herald-verify=<token>}
 *     must carry; random per account and domain, so one account's record never proves another's
 *     claim
 * @param verification the last time this account proved control (or an administrator attested it);
 *     empty while pending
 */
public record SendingDomain(
    String name,
    AccountId account,
    String token,
    Instant addedAt,
    Optional<Verification> verification,
    List<DkimKey> keys) {
  public SendingDomain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(addedAt, "addedAt");
    Objects.requireNonNull(verification, "verification");
    keys = List.copyOf(keys);
  }

  public SendingDomain verified(Verification next) {
    return new SendingDomain(name, account, token, addedAt, Optional.of(next), keys);
  }

  /**
   * How control was proved.
   *
   * @param by {@code dns} (the TXT record was found), or {@code admin:<operator>} (attested out of
   *     band)
   */
  public record Verification(Instant at, String by) {
    public Verification {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** The DKIM signature algorithms Herald makes keys for. */
  public enum Algorithm {
    /** rsa-sha256, 2048-bit keys: what every receiver checks. */
    RSA("rsa"),
    /** ed25519-sha256 (RFC 8463), a second signature for receivers that know it. */
    ED25519("ed25519");

    private final String tag;

    Algorithm(String tag) {
      this.tag = tag;
    }

    /** The {@code k=} tag of the DNS record. */
    public String tag() {
      return tag;
    }
  }

  /**
   * One DKIM key of the domain: published at {@code <selector>._domainkey.<name>}.
   *
   * @param publicKey the {@code p=} value (base64: the SubjectPublicKeyInfo for RSA, the raw 32
   *     bytes for Ed25519)
   * @param sealedPrivateKey the PKCS#8 private key, sealed with the node's key (never shown)
   */
  public record DkimKey(
      String selector, Algorithm algorithm, String publicKey, String sealedPrivateKey) {
    public DkimKey {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(sealedPrivateKey, "sealedPrivateKey");
    }

    /** The TXT record's value. */
    public String record() {
      return "v=DKIM1; k=" + algorithm.tag() + "; p=" + publicKey;
    }
  }
}
