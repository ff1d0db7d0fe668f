package io.herald.submission;

import io.herald.relay.Address;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.VerpAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The addresses Herald itself receives mail for, from anyone and without AUTH: the signed VERP
 * addresses its messages carry ({@code bounces+…@} for DSNs, {@code unsub+…@} for mailed
 * unsubscribes — genuine only when our signature verifies, whatever the domain) and the
 * feedback-loop address {@code fbl@<delivery.returnPathDomain>} that mailbox providers send ARF
 * reports to. Mail to them is consumed by the feedback path, never relayed.
 */
final class OwnAddresses {
  static final String FEEDBACK_LOOP = "fbl";

  private final TokenSigner signer;
  private final Optional<String> returnPathDomain;

  OwnAddresses(TokenSigner signer, Optional<String> returnPathDomain) {
    this.signer = signer;
    this.returnPathDomain = returnPathDomain.map(d -> d.toLowerCase(Locale.ROOT));
  }

  boolean isOwn(Address address) {
    if (address.isNull() || address.hasRoutingCharacters()) {
      return false;
    }
    String mailbox = address.mailbox();
    for (VerpAddress.Kind kind : VerpAddress.Kind.values()) {
      if (VerpAddress.parse(mailbox, kind, signer).isPresent()) {
        return true;
      }
    }
    return address.localPart().equalsIgnoreCase(FEEDBACK_LOOP)
        && returnPathDomain.map(address.domainLowerCase()::equals).orElse(false);
  }
}
