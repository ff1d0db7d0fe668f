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

  /**
   * A sender ID as written: {@code +} and 8–15 digits is a number, 1–11 letters, digits and spaces
   * with at least one letter an alphanumeric ID.
   *
   * @throws IllegalArgumentException naming the rule the value breaks
   */
  public static SenderId parse(String value) {
    if (value.matches("\\+[1-9][0-9]{7,14}")) {
      return new SenderId(value, Kind.NUMBER);
    }
    if (value.matches("[A-Za-z0-9 ]{1,11}") && value.chars().anyMatch(Character::isLetter)) {
      return new SenderId(value, Kind.ALPHANUMERIC);
    }
    throw new IllegalArgumentException(
        "a sender ID is 1 to 11 Latin letters, digits or spaces with at least one letter, or a"
            + " number in E.164 form (+380…): \""
            + value
            + "\" is neither");
  }
}
