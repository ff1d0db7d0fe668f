package io.herald.message;

import java.util.Objects;

/**
 * Why a message was not accepted, with a one-line reason for the client. Nothing was written. The
 * {@link Reason} tells the HTTP API its status and the SMTP relay its reply code.
 */
public final class MessageRefused extends Exception {
  /** The kind of refusal. */
  public enum Reason {
    /** An address (recipient, sender, reply-to) is malformed or not allowed: HTTP 400, SMTP 553. */
    INVALID_ADDRESS,
    /** The message itself is malformed or incomplete: HTTP 400, SMTP 554 5.6.0. */
    INVALID_MESSAGE,
    /** Over a size or count limit: HTTP 400, SMTP 552 5.3.4. */
    TOO_LARGE,
    /** The named stored template does not exist: HTTP 422. */
    UNKNOWN_TEMPLATE,
    /** The Idempotency-Key was used before for a different request: HTTP 422. */
    IDEMPOTENCY_MISMATCH,
    /**
     * A sender (From header or envelope) is not on a verified sending domain of the account (R5):
     * HTTP 422, SMTP 550 5.7.1.
     */
    UNVERIFIED_SENDER,
    /** The message's channel (SMS) is not configured on this server: HTTP 422. */
    CHANNEL_UNAVAILABLE,
    /**
     * The account's message quota for this period is used up (R9): HTTP 429 with Retry-After until
     * it renews, SMTP 452 4.5.3.
     */
    QUOTA_EXCEEDED
  }

  private final Reason reason;
  private final long retryAfterSeconds;

  public MessageRefused(Reason reason, String message) {
    this(reason, message, 0);
  }

  /** A refusal that may succeed after {@code retryAfterSeconds} (a quota that renews then). */
  public MessageRefused(Reason reason, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds until trying again may succeed; 0 when waiting does not help. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Reason reason() {
    return reason;
  }
}
