package io.herald.feedback;

import io.herald.feedback.FeedbackReport.Bounce;
import io.herald.feedback.FeedbackReport.Ignored;
import io.herald.feedback.FeedbackReport.Unrecognised;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the body of a {@code message/delivery-status} part (RFC 3464 §2): one group of per-message
 * fields, then one group per recipient with {@code Action}, {@code Status}, {@code Final-Recipient}
 * and usually {@code Diagnostic-Code}.
 *
 * <p>Herald sends one recipient per message, so a DSN about several recipients is unusual; the
 * first recipient whose action is {@code failed} is the one reported. When no recipient failed and
 * one was {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}, the report is
 * {@link Ignored}. A group without an {@code Action} is judged by its status class (5 failed, 4
 * delayed, 2 delivered), as some MTAs leave it out. A report without any recipient group (or an
 * empty one) is {@link Unrecognised}, and the parser then reads the mail's text instead.
 */
final class DeliveryStatusReport {
  private enum Action {
    FAILED,
    DELAYED,
    DELIVERED,
    RELAYED,
    EXPANDED,
    UNKNOWN
  }

  private static final Pattern MAIL_FROM_STEP =
      Pattern.compile("(in reply to|after) MAIL FROM", Pattern.CASE_INSENSITIVE);

  private DeliveryStatusReport() {}

  static FeedbackReport read(String body, String explanation, MessageRef ref) {
    List<Fields> groups = Fields.groups(body);
    List<Fields> recipients =
        groups.isEmpty() || isPerRecipient(groups.getFirst())
            ? groups
            : groups.subList(1, groups.size());
    if (recipients.isEmpty()) {
      return new Unrecognised("delivery-status report without per-recipient fields");
    }
    for (Fields recipient : recipients) {
      if (action(recipient) == Action.FAILED) {
        return bounce(recipient, explanation, ref);
      }
    }
    for (Fields recipient : recipients) {
      Action action = action(recipient);
      if (action != Action.UNKNOWN) {
        return new Ignored(ref, "delivery-status report with action " + name(action));
      }
    }
    return new Unrecognised("delivery-status report without an action or status");
  }

  /** Some MTAs leave out the per-message group; a recipient group names its recipient. */
  private static boolean isPerRecipient(Fields group) {
    return group.first("Final-Recipient").isPresent() || group.first("Action").isPresent();
  }

  private static Bounce bounce(Fields recipient, String explanation, MessageRef ref) {
    String diagnostic =
        recipient
            .first("Diagnostic-Code")
            .map(value -> Clean.typedValue(value, Limits.DIAGNOSTIC))
            .orElse("");
    StatusCode status = status(recipient, diagnostic);
    String finalRecipient =
        recipient
            .first("Final-Recipient")
            .or(() -> recipient.first("Original-Recipient"))
            .map(value -> Clean.typedValue(value, Limits.ADDRESS))
            .orElse("");
    // The diagnostic is the remote server's own reply; without one the human-readable part is all
    // there is. Postfix names the SMTP step only there ("in reply to MAIL FROM command").
    String words =
        diagnostic.isEmpty()
            ? explanation
            : diagnostic + (MAIL_FROM_STEP.matcher(explanation).find() ? " (after MAIL FROM)" : "");
    return new Bounce(
        ref,
        BounceClassifier.classify(status, words),
        status.toString(),
        diagnostic,
        finalRecipient);
  }

  /**
   * The enhanced code of the remote server's reply when it has one: the {@code Status} field is the
   * reporting MTA's summary and is often vaguer or plainly wrong ({@code Status: 5.1.1} over a
   * {@code 550 5.7.1 IP address blacklisted} or a {@code 552 5.2.2 Over quota}). Else the {@code
   * Status} field's code; else the class of the SMTP reply code, and 5.0.0 for a failure that says
   * nothing at all.
   */
  private static StatusCode status(Fields recipient, String diagnostic) {
    return StatusCode.find(diagnostic)
        .filter(code -> code.klass() != 2)
        .or(() -> recipient.first("Status").flatMap(StatusCode::find))
        .or(() -> StatusCode.fromReplyCode(diagnostic))
        .orElse(new StatusCode(5, 0, 0));
  }

  private static Action action(Fields recipient) {
    String word =
        recipient
            .first("Action")
            .map(value -> value.strip().split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT))
            .orElse("");
    return switch (word) {
      case "failed" -> Action.FAILED;
      case "delayed" -> Action.DELAYED;
      case "delivered" -> Action.DELIVERED;
      case "relayed" -> Action.RELAYED;
      case "expanded" -> Action.EXPANDED;
      default -> byStatus(recipient);
    };
  }

  private static Action byStatus(Fields recipient) {
    return recipient
        .first("Status")
        .flatMap(StatusCode::find)
        .map(
            code ->
                switch (code.klass()) {
                  case 5 -> Action.FAILED;
                  case 4 -> Action.DELAYED;
                  default -> Action.DELIVERED;
                })
        .orElse(Action.UNKNOWN);
  }

  private static String name(Action action) {
    return action.name().toLowerCase(Locale.ROOT);
  }
}
