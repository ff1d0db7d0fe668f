package io.herald.audience;

import io.herald.account.AccountId;
import java.util.Optional;

/**
 * The port through which an import is checked against the account's subscriber cap (R9) before it
 * is committed: an import that would take the account's lists past it is refused whole, with the
 * numbers, and the list stays as it was.
 */
@FunctionalInterface
public interface SubscriberCap {
  /** No cap. */
  SubscriberCap NONE = (account, adding) -> Optional.empty();

  /** Why {@code adding} new contacts do not fit the account's cap; empty when they do. */
  Optional<String> refusal(AccountId account, long adding);
}
