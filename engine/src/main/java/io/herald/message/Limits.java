package io.herald.message;

import java.time.Duration;

/**
 * The bounds on what {@link Messages#submit} accepts and how long Herald remembers it.
 *
 * @param maxRecipients recipients per message (the {@code to} list, or RCPT TOs: the relay answers
 *     452 4.5.3 to the first RCPT past it)
 * @param maxBodyChars characters per composed body (HTML, text) and per template part
 * @param maxRawBytes bytes of a raw message from the relay as the client sent it: the relay
 *     advertises it as SIZE ({@code relay.maxMessageSize}); the trace header the relay adds comes
 *     on top, within {@link #TRACE_ROOM}
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

  /** Room over {@link #maxRawBytes} for the relay's own {@code Received:} header. */
  public static final int TRACE_ROOM = 1024;

  /**
   * The most {@link #maxRawBytes} may be: a raw message is held in memory and in one Redis value.
   */
  public static final int MAX_RAW_BYTES = 256 * 1024 * 1024;

  /** The same limits with another largest raw message, at most {@link #MAX_RAW_BYTES}. */
  public Limits withMaxRawBytes(long bytes) {
    if (bytes < 1 || bytes > MAX_RAW_BYTES) {
      throw new IllegalArgumentException(
          "the largest relayed message must be 1 to " + MAX_RAW_BYTES + " bytes, not " + bytes);
    }
    return new Limits(maxRecipients, maxBodyChars, (int) bytes, idempotencyWindow, retention);
  }

  /** The bytes a raw message may have once the relay added its trace header. */
  public int maxRawWithTrace() {
    return maxRawBytes + TRACE_ROOM;
  }

  public static Limits defaults() {
    return new Limits(
        50, 2 * 1024 * 1024, 10 * 1024 * 1024, Duration.ofHours(24), Duration.ofDays(30));
  }
}
