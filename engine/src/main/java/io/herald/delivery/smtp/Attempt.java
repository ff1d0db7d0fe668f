package io.herald.delivery.smtp;

import io.herald.delivery.SendOutcome;

/**
 * One send's outcome plus what it says about the route: the server answered ({@code REPLY}), it
 * could not be reached or stopped answering ({@code CONNECTION_FAILURE}, which the circuit breaker
 * counts), or Herald gave up before talking to it ({@code LOCAL}: no free connection, no route).
 */
record Attempt(SendOutcome outcome, Kind kind) {
  enum Kind {
    REPLY,
    CONNECTION_FAILURE,
    LOCAL
  }

  static Attempt reply(SendOutcome outcome) {
    return new Attempt(outcome, Kind.REPLY);
  }

  static Attempt connectionFailure(String reason) {
    return new Attempt(
        new SendOutcome.Deferred(reason, false, java.time.Duration.ZERO), Kind.CONNECTION_FAILURE);
  }

  static Attempt local(SendOutcome outcome) {
    return new Attempt(outcome, Kind.LOCAL);
  }
}
