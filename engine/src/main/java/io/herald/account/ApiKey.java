package io.herald.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of an API key besides its hash: its id, the name its owner gave it, when it was
 * made and (to the minute) when it was last used. The key itself is shown once and never kept.
 */
public record ApiKey(ApiKeyId id, String name, Instant createdAt, Optional<Instant> lastUsedAt) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }
}
