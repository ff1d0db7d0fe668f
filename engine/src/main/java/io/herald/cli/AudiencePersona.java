package io.herald.cli;

/**
 * How a simulated audience treats the messages it gets, as shares of delivered messages: the demo's
 * stand-in for real people and their mail systems. {@link #HEALTHY} follows published averages for
 * opted-in lists (open ≈ 21%, click ≈ 2.6%, hard bounce ≈ 0.4%, complaint ≈ 0.012%, unsubscribe ≈
 * 0.23%); {@link #PURCHASED} a bought list (a fifth of the addresses dead, people who never asked
 * for the mail and complain). Machine traffic is the same for both: a third of the mailboxes sit
 * behind Apple's privacy proxy, which fetches every image on arrival, and one in twenty behind a
 * security gateway that follows every link as the message arrives.
 */
record AudiencePersona(
    String name,
    double hardBounce,
    double complaint,
    double unsubscribe,
    double humanOpen,
    double click,
    double privacyProxy,
    double linkScanner) {

  static final AudiencePersona HEALTHY =
      new AudiencePersona("healthy", 0.004, 0.00012, 0.0023, 0.21, 0.026, 0.33, 0.05);

  static final AudiencePersona PURCHASED =
      new AudiencePersona("purchased", 0.20, 0.015, 0.02, 0.04, 0.004, 0.33, 0.05);

  AudiencePersona {
    for (double share :
        new double[] {
          hardBounce, complaint, unsubscribe, humanOpen, click, privacyProxy, linkScanner
        }) {
      if (share < 0 || share > 1) {
        throw new IllegalArgumentException(name + ": shares are between 0 and 1, not " + share);
      }
    }
    if (click > humanOpen) {
      throw new IllegalArgumentException(name + ": people who click opened the message first");
    }
  }
}
