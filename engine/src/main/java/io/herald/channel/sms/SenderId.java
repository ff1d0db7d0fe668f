package io.herald.channel.sms;

import java.util.Objects;

/**
 * Who an SMS is from: an alphanumeric sender ID (at most 11 characters) or a phone number in E.164
 * form. The kind decides the SMPP source address's TON/NPI (alphanumeric: 5/0; international
 * number: 1/1).
 */
public record SenderId(String value, Kind kind) {
  /** What the sender is. */
  public enum Kind {
    ALPHANUMERIC,
    NUMBER
  }

  public SenderId {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(kind, "kind");
  }
}
