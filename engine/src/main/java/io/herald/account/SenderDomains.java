package io.herald.account;

import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;

/**
 * What the sending paths ask before they accept or sign a message (R5): may this account use this
 * address as a sender (From header or envelope), and with which DKIM keys is its mail signed. An
 * address may be used when its domain, or a parent domain, is verified by the account — the nearest
 * verified domain decides, so a subdomain another account verified is not this account's.
 */
public interface SenderDomains {
  /**
   * Why the account may not send as {@code address}, in one line that names the domain and how to
   * verify it; empty when it may.
   */
  Optional<String> refusal(AccountId account, String address);

  /**
   * The keys of the verified domain that covers {@code fromAddress}, to sign with; empty when the
   * account may not send as that address (any more).
   */
  Optional<List<SigningKey>> signingKeys(AccountId account, String fromAddress);

  /** A private DKIM key ready to sign ({@code d=domain}, {@code s=selector}). */
  record SigningKey(String domain, String selector, PrivateKey key) {}
}
