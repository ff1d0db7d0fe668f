package io.herald.webhook;

import io.herald.account.AccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one endpoint: the {@code attempt}-th try (1 = first) of posting {@code
 * body}, first tried at {@code firstAt} — the clock the retry age limit runs on. The body is fixed
 * when the event is written, so every attempt (and every endpoint) gets the same bytes.
 */
public record Task(
    AccountId account,
    String endpointId,
    String eventId,
    EventType type,
    int attempt,
    Instant firstAt,
    String body) {

  public Task {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(firstAt, "firstAt");
    Objects.requireNonNull(body, "body");
  }

  public Task nextAttempt() {
    return new Task(account, endpointId, eventId, type, attempt + 1, firstAt, body);
  }
}
