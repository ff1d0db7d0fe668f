package io.herald.feedback;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mail that reached Herald's bounce or feedback-loop address says, and about which of our
 * messages. Every text field came from outside and has been made one line, free of control
 * characters and bounded in length. {@link Bounce}, {@link Complaint} and {@link Ignored} are only
 * ever returned with a {@link MessageRef} proved by our own signature; anything else is {@link
 * Unrecognised}. Switch over it exhaustively.
 */
public sealed interface FeedbackReport {

  /**
   * A delivery failed for good (an RFC 3464 DSN with {@code Action: failed}, or a plain-text bounce
   * recognised by its sender, subject, wording or codes). {@code status} is the RFC 3463 code (e.g.
   * {@code 5.1.1}; x.0.0 for a bare SMTP reply code, 5.0.0 when there is none); {@code diagnostic}
   * the remote server's reply, or empty; {@code finalRecipient} the address that failed, or empty
   * when the mail does not say.
   */
  record Bounce(
      MessageRef ref, BounceKind kind, String status, String diagnostic, String finalRecipient)
      implements FeedbackReport {
    public Bounce {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(diagnostic, "diagnostic");
      Objects.requireNonNull(finalRecipient, "finalRecipient");
    }
  }

  /**
   * A recipient marked the message as spam, or the mailbox provider judged it so (an RFC 5965 ARF
   * report, or a provider's own complaint format). {@code feedbackType} is the report's lowercased
   * {@code Feedback-Type}: {@code abuse}, {@code fraud}, {@code virus}, {@code other} or a type
   * registered since; {@code abuse} for a complaint in a provider's own format.
   */
  record Complaint(
      MessageRef ref,
      String feedbackType,
      Optional<String> userAgent,
      Optional<Instant> arrivalDate)
      implements FeedbackReport {
    public Complaint {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(feedbackType, "feedbackType");
      Objects.requireNonNull(userAgent, "userAgent");
      Objects.requireNonNull(arrivalDate, "arrivalDate");
    }
  }

  /**
   * A genuine report about one of our messages that calls for no action: a DSN whose recipients
   * were only {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}, a plain-text
   * delay warning or delivery report, an auto-reply (reason {@code auto-reply}: vacation,
   * out-of-office, ticket acknowledgements), or an ARF report of type {@code not-spam} or {@code
   * auth-failure}. Worth counting, never a reason to suppress anyone.
   */
  record Ignored(MessageRef ref, String reason) implements FeedbackReport {
    public Ignored {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Nothing Herald can act on: not a report, malformed, too large, or not provably about a message
   * of ours (no signed reference, or one that fails verification). {@code reason} is for logs.
   */
  record Unrecognised(String reason) implements FeedbackReport {
    public Unrecognised {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a message bounced, which decides what Herald does about the address. */
  enum BounceKind {
    /**
     * The address or its domain does not exist ("user unknown" under any permanent code, 5.1.x,
     * 5.4.4): suppress the contact.
     */
    HARD,
    /**
     * Not now or not this message: a full or disabled mailbox, a system or network problem, our
     * sender refused (at MAIL FROM, 5.1.7, 5.1.8), a temporary failure that ran out of retries
     * (4.x.x); recorded, not suppressed.
     */
    SOFT,
    /** Refused by policy (5.7.x, spam or block-list refusals): not the address's fault. */
    POLICY
  }
}
