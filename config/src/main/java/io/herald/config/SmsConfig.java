package io.herald.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SMS over SMPP: whether Herald sends SMS at all, the SMSC connections it sends through, how long
 * it waits for delivery receipts, when a number counts as dead, the quiet hours of marketing SMS in
 * the recipient's time zone, and the validity period asked of the SMSC. See {@code
 * docs/configuration.md} for each key.
 *
 * @param enabled whether the SMS channel runs (off: SMS campaigns and messages are refused)
 * @param smsc the SMSC connections, at least one when enabled; each SMS goes whole (all its parts)
 *     through the least loaded bound one
 * @param receiptTimeout how long after the SMSC accepted a message a missing receipt is given up
 *     on: the outcome becomes "unknown"
 * @param undeliverableLimit after this many undeliverable receipts for a number (not in a row:
 *     counted per account), the number is suppressed
 * @param quietHoursStart local time in the recipient's time zone from which marketing SMS wait
 * @param quietHoursEnd local time at which they may go again (before start: the quiet hours span
 *     midnight)
 * @param validity the SMS validity period asked of the SMSC, or empty for the SMSC's own default
 */
public record SmsConfig(
    boolean enabled,
    List<SmscConfig> smsc,
    Duration receiptTimeout,
    int undeliverableLimit,
    LocalTime quietHoursStart,
    LocalTime quietHoursEnd,
    Optional<Duration> validity) {

  public SmsConfig {
    smsc = List.copyOf(smsc);
    Objects.requireNonNull(receiptTimeout, "receiptTimeout");
    Objects.requireNonNull(quietHoursStart, "quietHoursStart");
    Objects.requireNonNull(quietHoursEnd, "quietHoursEnd");
    Objects.requireNonNull(validity, "validity");
    if (undeliverableLimit < 1) {
      throw new IllegalArgumentException("undeliverableLimit must be at least 1");
    }
  }

  /** The same settings, sending through {@code connections} (enabled when there is one). */
  public SmsConfig withSmsc(List<SmscConfig> connections) {
    return new SmsConfig(
        !connections.isEmpty(),
        connections,
        receiptTimeout,
        undeliverableLimit,
        quietHoursStart,
        quietHoursEnd,
        validity);
  }
}
