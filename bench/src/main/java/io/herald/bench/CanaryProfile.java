package io.herald.bench;

import java.util.List;

/**
 * One kind of mailing list, as probabilities per canary recipient, and the decision the canary
 * should reach for it. Delivery-side rates are per message sent; engagement rates are per delivered
 * message and are what would eventually arrive (the timeline decides how much of it arrives within
 * the window).
 *
 * @param name the row label in the results
 * @param expected what the canary should decide for this list
 * @param hardBounce the address does not exist
 * @param policyBlock refused for policy (5.7.x)
 * @param softFinal a 5xx that says nothing about the address: a final soft bounce at once
 * @param softLingering temporarily failing for days (full or disabled mailboxes): retried, still
 *     without a final outcome when the window ends
 * @param greylisted deferred once, delivered on a retry minutes later
 * @param open eventual unique human opens (before privacy proxies hide some)
 * @param clickPerOpen unique clicks per opener (click-to-open rate)
 * @param unsubscribe eventual unsubscribes
 * @param complaint eventual spam complaints
 */
record CanaryProfile(
    String name,
    Expected expected,
    double hardBounce,
    double policyBlock,
    double softFinal,
    double softLingering,
    double greylisted,
    double open,
    double clickPerOpen,
    double unsubscribe,
    double complaint) {

  enum Expected {
    RELEASE,
    HOLD,
    EITHER
  }

  /**
   * Healthy: the published all-industry averages (Mailchimp's benchmarks: opens 21%, clicks 2.6%,
   * hard bounces 0.4%, soft bounces about 0.6%; unsubscribes 0.23%; complaints 0.012%). Stale: an
   * opted-in list not mailed for a couple of years — worn (3% hard bounces, half the opens, more
   * full mailboxes) but inside every warning limit, so it should be released. At-warning: every
   * judged rate exactly at its warning limit (5% hard bounces, 2% policy blocks, 0.1% complaints,
   * 1% unsubscribes, opens giving 3% seen within the window): still acceptable, so it should be
   * released — the check that repeated looks do not turn noise into holds. Borderline: every judged
   * rate between its warning and failing limit (7% hard bounces, 0.2% complaints, 1.5%
   * unsubscribes), where either decision is acceptable. Purchased: the least bad list that the
   * canary issue calls purchased (10% hard bounces, 0.5% complaints, 5% opens) and 1% unsubscribes,
   * an assumption of ours; real bought lists are usually worse, so its hold rate is a floor.
   */
  static List<CanaryProfile> all() {
    return List.of(
        new CanaryProfile(
            "healthy",
            Expected.RELEASE,
            0.004,
            0.001,
            0.0005,
            0.005,
            0.02,
            0.21,
            0.124,
            0.0023,
            0.00012),
        new CanaryProfile(
            "stale", Expected.RELEASE, 0.03, 0.003, 0.002, 0.02, 0.02, 0.10, 0.10, 0.006, 0.0005),
        new CanaryProfile(
            "at-warning",
            Expected.RELEASE,
            0.05,
            0.02,
            0.002,
            0.01,
            0.02,
            0.063,
            0.10,
            0.01,
            0.001),
        new CanaryProfile(
            "borderline", Expected.EITHER, 0.07, 0.01, 0.002, 0.01, 0.02, 0.08, 0.10, 0.015, 0.002),
        new CanaryProfile(
            "purchased", Expected.HOLD, 0.10, 0.005, 0.002, 0.02, 0.02, 0.05, 0.10, 0.01, 0.005));
  }
}
