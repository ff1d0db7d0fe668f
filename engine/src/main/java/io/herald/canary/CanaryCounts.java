package io.herald.canary;

/**
 * What is known so far about a canary's messages, as counters. The delivery counters are exclusive:
 * each canary message counts in at most one of {@code delivered}, {@code hardBounces}, {@code
 * softBounces} and {@code policyBlocks} — its latest final outcome — so an asynchronous bounce (a
 * DSN for a message the receiving server had accepted) moves it from {@code delivered} to a bounce
 * counter. A message still being retried counts in none of them. The engagement counters count
 * unique recipients, human only: machine opens (privacy proxies, prefetch) and link-scanner clicks
 * are left out before they get here.
 *
 * @param sent canary recipients enqueued (the canary's size)
 * @param delivered accepted by the receiving server and not bounced since
 * @param hardBounces the address does not exist (5.1.x), at send time or by a later DSN
 * @param softBounces final temporary failures: retries ran out, or a 5xx that says nothing of the
 *     address
 * @param policyBlocks refused for policy (5.7.x: spam, reputation, authentication)
 * @param humanOpens unique recipients who opened, machine opens excluded
 * @param humanClicks unique recipients who clicked, scanner clicks excluded
 * @param unsubscribes unique recipients who unsubscribed
 * @param complaints unique recipients who reported the message as spam (ARF feedback loops and
 *     Herald's own report form)
 */
public record CanaryCounts(
    long sent,
    long delivered,
    long hardBounces,
    long softBounces,
    long policyBlocks,
    long humanOpens,
    long humanClicks,
    long unsubscribes,
    long complaints)
    implements ChannelCounts {
  public CanaryCounts {
    if (sent < 0
        || delivered < 0
        || hardBounces < 0
        || softBounces < 0
        || policyBlocks < 0
        || humanOpens < 0
        || humanClicks < 0
        || unsubscribes < 0
        || complaints < 0) {
      throw new IllegalArgumentException("canary counters must not be negative: " + this);
    }
  }

  /** An empty canary: nothing sent yet. */
  public static CanaryCounts none() {
    return new CanaryCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Messages with a final outcome: delivered or bounced in any way. */
  @Override
  public long finalised() {
    return delivered + hardBounces + softBounces + policyBlocks;
  }
}
