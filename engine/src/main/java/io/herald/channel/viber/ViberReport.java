package io.herald.channel.viber;

import java.time.Instant;
import java.util.Objects;

/**
 * What the provider reported about a message, by callback or by polling: {@code messageId} is
 * Herald's own id of it ({@link ViberSubmission#messageId()}), {@code detail} the provider's reason
 * or error ({@code ""} when none), {@code at} when it happened by the provider's clock (or when it
 * was received).
 */
public record ViberReport(String messageId, State state, String detail, Instant at) {
  public ViberReport {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }

  /**
   * The states Herald acts on. {@code SEEN} may come before {@code DELIVERED} and implies it;
   * {@code UNDELIVERED}, {@code EXPIRED} and {@code NOT_VIBER_USER} make the SMS fallback go;
   * {@code BLOCKED}: the recipient blocked the sender (suppress the phone for the account).
   */
  public enum State {
    DELIVERED,
    SEEN,
    UNDELIVERED,
    EXPIRED,
    NOT_VIBER_USER,
    BLOCKED
  }
}
