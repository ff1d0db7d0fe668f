package io.herald.feedback;

import io.herald.feedback.FeedbackReport.BounceKind;

/**
 * Which {@link BounceKind} a failed delivery is, from its status code and the words of the remote
 * server's reply (or of a plain-text bounce's explanation). A temporary condition that outlived the
 * retries (4.x.x) is SOFT whatever it says. For a permanent one the words are read first ({@link
 * BounceWords}), because codes are often wrong or vague where words are not: a 5.1.1 that speaks of
 * a block list is policy, a 5.2.1 or 5.7.1 that says "no such user" is hard, a 5.1.0 that refuses
 * our sender says nothing about the recipient. Only a reply without telling words is judged by its
 * code:
 *
 * <ul>
 *   <li>5.1.x: HARD (the address or its domain does not exist), except 5.1.7 and 5.1.8, which are
 *       about our sender address: SOFT;
 *   <li>5.4.4 (no route to the domain, e.g. it has no MX or address record): HARD;
 *   <li>5.7.x: POLICY;
 *   <li>everything else, such as 5.0.0, 5.2.x, 5.3.x, other 5.4.x, 5.5.x, 5.6.x: SOFT.
 * </ul>
 */
final class BounceClassifier {
  private BounceClassifier() {}

  static BounceKind classify(StatusCode status, String text) {
    if (status.klass() != 5) {
      return BounceKind.SOFT;
    }
    return BounceWords.kindOf(text, status).orElseGet(() -> byCode(status));
  }

  private static BounceKind byCode(StatusCode status) {
    return switch (status.subject()) {
      case 1 -> status.detail() == 7 || status.detail() == 8 ? BounceKind.SOFT : BounceKind.HARD;
      case 4 -> status.detail() == 4 ? BounceKind.HARD : BounceKind.SOFT;
      case 7 -> BounceKind.POLICY;
      default -> BounceKind.SOFT;
    };
  }
}
