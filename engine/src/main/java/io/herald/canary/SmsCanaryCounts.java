package io.herald.canary;

/**
 * What is known so far about an SMS canary's messages, read from the canary phase's counters. The
 * outcome counters are exclusive, each message in at most one: {@code submitted} when the SMSC
 * accepted it, moved by its delivery receipt to {@code delivered}, {@code undeliverable}, {@code
 * rejected} or {@code expired}, or, when no receipt came within {@code sms.receiptTimeout}, to
 * {@code unknown}. A message still queued, deferred or being retried counts in none of them.
 *
 * <p><b>What is final.</b> A receipted message is final, and so is an {@code unknown} one: the
 * timeout ends the wait for its receipt, and without counting it a route whose carrier never sends
 * receipts would keep every canary waiting for ever. {@code submitted} is not final: its receipt
 * may still say undeliverable. So the scorer's "enough is final" rule waits after the window at
 * most until the receipt timeout has turned the missing receipts into {@code unknown}.
 *
 * @param sent canary recipients enqueued (the canary's size)
 * @param submitted accepted by the SMSC, no receipt yet
 * @param delivered the receipt said delivered to the handset ({@code DELIVRD})
 * @param undeliverable the receipt said the number cannot be reached ({@code UNDELIV}; a number
 *     that does not exist or is disconnected)
 * @param rejected refused by the SMSC or the network ({@code REJECTD}, or a refusal of the submit
 *     itself): a route or content that carriers filter
 * @param expired the network gave up within the message's validity period ({@code EXPIRED}), mostly
 *     a handset switched off for days
 * @param unknown no receipt within the receipt timeout (or a receipt saying {@code UNKNOWN})
 * @param humanClicks unique recipients who clicked a tracked short link, scanner clicks excluded
 * @param optOuts unique recipients who opted out: a STOP reply or the short unsubscribe link
 */
public record SmsCanaryCounts(
    long sent,
    long submitted,
    long delivered,
    long undeliverable,
    long rejected,
    long expired,
    long unknown,
    long humanClicks,
    long optOuts)
    implements ChannelCounts {
  public SmsCanaryCounts {
    if (sent < 0
        || submitted < 0
        || delivered < 0
        || undeliverable < 0
        || rejected < 0
        || expired < 0
        || unknown < 0
        || humanClicks < 0
        || optOuts < 0) {
      throw new IllegalArgumentException("canary counters must not be negative: " + this);
    }
  }

  /** Messages whose receipt (or refused submit) told their fate: the base of failure rates. */
  public long receipted() {
    return delivered + undeliverable + rejected + expired;
  }

  /** Receipted messages and those whose receipt never came ({@code unknown}). */
  @Override
  public long finalised() {
    return receipted() + unknown;
  }

  /**
   * Messages the SMSC accepted that no receipt reported failed — delivered, awaiting a receipt, or
   * never receipted: the base of opt-outs and clicks. It is what may have reached a person; as
   * receipts arrive it only shrinks (failures leave it), so an opt-out rate seen early is at most
   * what it becomes, and a route without receipts still gets its opt-outs judged.
   */
  public long accepted() {
    return submitted + delivered + unknown;
  }
}
