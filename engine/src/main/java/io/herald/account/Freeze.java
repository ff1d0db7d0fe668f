package io.herald.account;

import java.time.Instant;
import java.util.Objects;

/**
 * Why, when and by whom an account was frozen: while it lasts the account sends nothing (API,
 * campaigns, SMTP relay, already-queued transactional mail), but can still read its data.
 *
 * @param reason the administrator's one-line reason, shown to the account in refusals
 * @param at when it was frozen
 * @param by who froze it (the operator's name as given, or {@code admin})
 */
public record Freeze(String reason, Instant at, String by) {
  public Freeze {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
  }
}
