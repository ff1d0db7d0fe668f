package io.herald.account;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an account's audit trail: an administrator's or the account's change to it.
 *
 * @param at when
 * @param action {@code frozen}, {@code unfrozen}, {@code key_created} or {@code key_deleted}
 * @param by who: the operator's name, {@code admin}, or {@code key:<id>} for the account itself
 * @param detail the reason, or the key concerned
 */
public record AccountEvent(Instant at, String action, String by, String detail) {
  public AccountEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(detail, "detail");
  }
}
