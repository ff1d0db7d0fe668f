package io.herald.canary;

/**
 * A canary's counters as its channel keeps them: {@link CanaryCounts} for email, {@link
 * SmsCanaryCounts} for SMS, {@link ViberCanaryCounts} for Viber. The scorer's rules (bounds, hold,
 * wait, release) are the same for every channel; which metrics it judges, and over which base,
 * follows from which of these it is given. Switch over it exhaustively.
 */
public sealed interface ChannelCounts permits CanaryCounts, SmsCanaryCounts, ViberCanaryCounts {
  /** Canary recipients enqueued (the canary's size). */
  long sent();

  /** Canary messages whose outcome will not change any more (what "enough is final" counts). */
  long finalised();

  /** Canary messages without a final outcome yet. */
  default long inFlight() {
    return Math.max(0, sent() - finalised());
  }
}
