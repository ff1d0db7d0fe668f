package io.herald.webhook;

import io.herald.account.AccountId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One webhook endpoint of an account: where events are posted, which types it wants, and its
 * signing secret as stored ({@code sealedSecret}: encrypted with the node's key, see {@link
 * SecretBox}; the plain secret is shown once, at registration).
 */
public record Endpoint(
    String id,
    AccountId account,
    String url,
    Set<EventType> events,
    String sealedSecret,
    Instant createdAt) {

  public Endpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(url, "url");
    events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    Objects.requireNonNull(sealedSecret, "sealedSecret");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether events of this type go to this endpoint (a ping goes to whichever is asked). */
  public boolean wants(EventType type) {
    return events.contains(type);
  }
}
