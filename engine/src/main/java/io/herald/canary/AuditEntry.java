package io.herald.canary;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a campaign's audit trail: every canary decision, automatic or human.
 *
 * @param at when
 * @param actor {@code canary} (the automatic scorer) or {@code admin}
 * @param action {@code started}, {@code released}, {@code held}, {@code approved}, {@code rejected}
 * @param detail the explanation or the administrator's reason
 */
public record AuditEntry(Instant at, String actor, String action, String detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(detail, "detail");
  }
}
