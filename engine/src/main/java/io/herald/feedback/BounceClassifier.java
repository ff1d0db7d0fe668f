package io.herald.feedback;

import io.herald.feedback.FeedbackReport.BounceKind;
import java.util.regex.Pattern;

/**
 * Which {@link BounceKind} a failed delivery is, from its status code and, where the code says
 * little (x.0.0), the words of the remote server's reply. The code decides first because words vary
 * by vendor and language while codes do not:
 *
 * <ul>
 *   <li>4.x.x (a failure report for a temporary condition that outlived the retries): SOFT;
 *   <li>5.1.x: HARD (the address or its domain does not exist), except 5.1.7 and 5.1.8, which are
 *       about our sender address and say nothing about the recipient: SOFT;
 *   <li>5.7.x: POLICY;
 *   <li>any other 5.x.x whose reply speaks of spam, a block list or policy: POLICY;
 *   <li>5.0.x whose reply says the user or mailbox is unknown: HARD;
 *   <li>everything else, such as a full mailbox (5.2.2), 5.2.x, 5.3.x, 5.4.x, 5.5.x, 5.6.x: SOFT.
 * </ul>
 */
final class BounceClassifier {
  private static final Pattern NO_SUCH_ADDRESS =
      Pattern.compile(
          "no such (user|mailbox|recipient|address)|user ?unknown|unknown (user|recipient|mailbox)"
              + "|(user|mailbox|recipient|address|account) (does not|doesn't|not) exist"
              + "|(invalid|unknown|non-?existent) (recipient|mailbox|address|user|account)"
              + "|recipient not found|user not found|mailbox not found|no mailbox here"
              + "|account (has been )?(disabled|deactivated)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern POLICY =
      Pattern.compile(
          "spam|blocked|block ?list|black ?list|deny ?list|blacklisted|spamhaus|policy|reputation"
              + "|\\bspf\\b|\\bdmarc\\b|\\bdkim\\b|not authori[sz]ed|unsolicited",
          Pattern.CASE_INSENSITIVE);

  private BounceClassifier() {}

  static BounceKind classify(StatusCode status, String diagnostic) {
    if (status.klass() != 5) {
      return BounceKind.SOFT;
    }
    return switch (status.subject()) {
      case 1 -> status.detail() == 7 || status.detail() == 8 ? BounceKind.SOFT : BounceKind.HARD;
      case 7 -> BounceKind.POLICY;
      default -> byWords(status, diagnostic);
    };
  }

  private static BounceKind byWords(StatusCode status, String diagnostic) {
    if (POLICY.matcher(diagnostic).find()) {
      return BounceKind.POLICY;
    }
    if (status.subject() == 0 && NO_SUCH_ADDRESS.matcher(diagnostic).find()) {
      return BounceKind.HARD;
    }
    return BounceKind.SOFT;
  }
}
