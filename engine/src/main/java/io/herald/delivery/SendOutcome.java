package io.herald.delivery;

import java.time.Duration;

/**
 * What happened to one message at its destination, as the rest of Herald needs to know it:
 * delivered (accepted by the receiving server), deferred (try again later: 4xx, timeouts, dropped
 * connections, a throttle), or bounced (the address or the message will not be accepted). Switch
 * over it exhaustively; never compare strings.
 */
public sealed interface SendOutcome {
  /** The receiving server accepted the message ({@code reply} is its 250 line). */
  record Delivered(String reply) implements SendOutcome {}

  /**
   * Not now: retried with backoff. {@code throttled} is true when the destination asked Herald to
   * slow down (421, 4.7.x "try later"), which also lowers that destination's rate.
   */
  record Deferred(String reason, boolean throttled, Duration retryNoSoonerThan)
      implements SendOutcome {}

  /** Not ever, for this message or this address. */
  record Bounced(BounceKind kind, String reply) implements SendOutcome {}

  /** Why a message bounced, which decides what Herald does about the address. */
  enum BounceKind {
    /** The address does not exist (5.1.x): the contact is suppressed. */
    HARD,
    /** Retries ran out, or a 5xx that says nothing about the address: recorded, not suppressed. */
    SOFT,
    /** Refused by policy (5.7.x: spam, reputation, authentication): not the address's fault. */
    POLICY
  }
}
