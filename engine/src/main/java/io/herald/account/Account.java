package io.herald.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant of Herald: a company or person that owns lists and sends campaigns. {@code frozen} is
 * present while an administrator has frozen the account (R8): it may read, but not send.
 */
public record Account(AccountId id, String name, Instant createdAt, Optional<Freeze> frozen) {
  public Account {
    Objects.requireNonNull(frozen, "frozen");
  }

  /** An account that is not frozen. */
  public Account(AccountId id, String name, Instant createdAt) {
    this(id, name, createdAt, Optional.empty());
  }

  public Account withFrozen(Optional<Freeze> next) {
    return new Account(id, name, createdAt, next);
  }
}
