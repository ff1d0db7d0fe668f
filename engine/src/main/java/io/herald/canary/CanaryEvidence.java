package io.herald.canary;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the scorer is told about one canary: its counters (of its channel: {@link
 * CanaryCounts} for email, {@link SmsCanaryCounts} for SMS, {@link ViberCanaryCounts} for Viber),
 * when it started (the first canary message was enqueued; the observation window runs from here)
 * and, once known, when every canary message had a final outcome ({@code null} while some are still
 * queued or being retried).
 */
public record CanaryEvidence(
    ChannelCounts counts, Instant canaryStarted, Instant lastSendFinished) {
  public CanaryEvidence {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(canaryStarted, "canaryStarted");
  }

  /** When every canary message had a final outcome, if that has happened. */
  public Optional<Instant> sendsFinished() {
    return Optional.ofNullable(lastSendFinished);
  }
}
