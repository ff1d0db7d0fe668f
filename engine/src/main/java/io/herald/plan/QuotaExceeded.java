package io.herald.plan;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Something would go past the account's quota (R9), with the numbers a person needs to act: what it
 * needs, what is left, and when the message quota renews. Nothing was taken.
 */
public final class QuotaExceeded extends Exception {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private final long needed;
  private final long left;
  private final Instant renewsAt;

  private QuotaExceeded(String message, long needed, long left, Instant renewsAt) {
    super(message, null, false, false);
    this.needed = needed;
    this.left = left;
    this.renewsAt = renewsAt;
  }

  /** Messages: {@code what} needs {@code needed} of the period's quota, {@code left} are left. */
  static QuotaExceeded messages(
      String what, long needed, long left, Allowance allowance, ZoneId zone) {
    Instant end = allowance.period().end();
    return new QuotaExceeded(
        "message quota exceeded: "
            + what
            + " needs "
            + needed
            + (needed == 1 ? " message but " : " messages but ")
            + left
            + " of the "
            + allowance.messages()
            + " of the "
            + allowance.plan()
            + " plan are left this period; it renews at "
            + WHEN.format(end.atZone(zone))
            + " ("
            + end
            + ")",
        needed,
        left,
        end);
  }

  /** Subscribers: an import would add {@code needed} contacts, {@code left} more fit. */
  static QuotaExceeded subscribers(String what, long needed, long left, Allowance allowance) {
    return new QuotaExceeded(
        "subscriber limit exceeded: "
            + what
            + " would add "
            + needed
            + " contacts but the "
            + allowance.plan()
            + " plan allows "
            + allowance.subscribers()
            + " and "
            + left
            + " more fit; nothing was imported",
        needed,
        left,
        allowance.period().end());
  }

  public long needed() {
    return needed;
  }

  public long left() {
    return left;
  }

  /** When the period ends and the message count starts again. */
  public Instant renewsAt() {
    return renewsAt;
  }
}
