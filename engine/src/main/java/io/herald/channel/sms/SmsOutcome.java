package io.herald.channel.sms;

import java.util.Locale;
import java.util.Optional;

/**
 * The final outcome of an SMS after the SMSC accepted it, as a campaign's ledger and counters name
 * it ({@link #counter()}: {@code delivered}, {@code unknown}, {@code expired}, {@code
 * undeliverable}, {@code rejected}). Declared from best to worst: a message of several parts is
 * {@code delivered} only when every part was, otherwise it takes its worst part's outcome —
 * rejected &gt; undeliverable &gt; expired &gt; unknown — so the outcome does not depend on the
 * order in which the parts' receipts arrive. Rejected ranks worst because it says the network
 * refused the message itself (its sender or content), which the account must hear about before
 * anything about the phone; undeliverable (the phone or number failed: a hard failure) before
 * expired (the phone was away for the validity period) before unknown (no receipt said anything).
 */
public enum SmsOutcome {
  DELIVERED,
  UNKNOWN,
  EXPIRED,
  UNDELIVERABLE,
  REJECTED;

  /** The ledger's and the statistics' name of this outcome. */
  public String counter() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of the two (see the order above). */
  public SmsOutcome worse(SmsOutcome other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /**
   * What a receipt's state means for its part; empty for the interim states (ENROUTE, ACCEPTED),
   * which decide nothing. DELETED (the SMSC removed the message before delivering it; Herald never
   * cancels one) counts as expired: not delivered in time, and not the number's fault.
   */
  public static Optional<SmsOutcome> of(ReceiptState state) {
    return switch (state) {
      case DELIVERED -> Optional.of(DELIVERED);
      case UNDELIVERABLE -> Optional.of(UNDELIVERABLE);
      case EXPIRED, DELETED -> Optional.of(EXPIRED);
      case REJECTED -> Optional.of(REJECTED);
      case UNKNOWN -> Optional.of(UNKNOWN);
      case ENROUTE, ACCEPTED -> Optional.empty();
    };
  }
}
