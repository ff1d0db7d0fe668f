package io.herald.message;

import java.time.Duration;

/**
 * The bounds on what {@link Messages#submit} accepts and how long Herald remembers it.
 *
 * @param maxRecipients recipients per message (the {@code to} list, or RCPT TOs)
 * @param maxBodyChars characters per composed body (HTML, text) and per template part
 * @param maxRawBytes bytes of a raw message from the relay
 * @param idempotencyWindow how long an Idempotency-Key is remembered
 * @param retention how long a message and its status are kept after it was accepted
 */
public record Limits(
    int maxRecipients,
    int maxBodyChars,
    int maxRawBytes,
    Duration idempotencyWindow,
    Duration retention) {
  public static final int MAX_SUBJECT = 998;
  public static final int MAX_NAME = 256;

  public static Limits defaults() {
    return new Limits(
        50, 2 * 1024 * 1024, 10 * 1024 * 1024, Duration.ofHours(24), Duration.ofDays(30));
  }
}
