package io.herald.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an endpoint's delivery log: an attempt to post an event and what came of it.
 *
 * @param status the HTTP status the endpoint answered, 0 when there was no answer
 * @param outcome {@link Outcome#DELIVERED}, {@link Outcome#RETRYING} (another attempt is scheduled)
 *     or {@link Outcome#FAILED} (the last attempt, or the event could not be sent)
 * @param error one line on what went wrong; empty when delivered
 */
public record Attempt(
    String eventId,
    EventType type,
    int attempt,
    Instant at,
    int status,
    Outcome outcome,
    Optional<String> error) {

  public Attempt {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
  }

  /** What came of an attempt, as the API names it. */
  public enum Outcome {
    DELIVERED,
    RETRYING,
    FAILED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
