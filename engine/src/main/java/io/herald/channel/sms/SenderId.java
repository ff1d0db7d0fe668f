package io.herald.channel.sms;

import io.herald.importers.InvalidAddressException;
import io.herald.importers.PhoneNumber;
import java.util.Objects;

/**
 * Who an SMS is from: an alphanumeric sender ID (at most 11 characters) or a phone number in E.164
 * form. The kind decides the SMPP source address's TON/NPI (alphanumeric: 5/0; international
 * number: 1/1).
 */
public record SenderId(String value, Kind kind) {
  /** The longest alphanumeric sender ID: eleven septets is all the GSM address field holds. */
  public static final int MAX_ALPHANUMERIC = 11;

  /** The characters besides Latin letters and digits that SMSCs accept in alphanumeric IDs. */
  private static final String PUNCTUATION = " .-_&";

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
   * The sender as written by a person (surrounding white space ignored). {@code +} and digits make
   * a number, which must be valid for its country per libphonenumber and is kept in E.164 ({@code
   * "+380 67 123 45 67"} → {@code +380671234567}). Anything else is an alphanumeric ID: 1 to 11
   * characters of Latin letters, digits, space and {@code . - _ &} — characters that are one septet
   * in GSM 03.38 and that operators accept when registering an alpha name — with at least one
   * letter, because a handset shows an all-digit ID as a number, and a reply to it goes astray. A
   * short code (digits without {@code +}) is refused: it is not a number in E.164.
   *
   * @throws SenderIdRefused naming the rule that the value breaks
   */
  public static SenderId parse(String raw) throws SenderIdRefused {
    String text = Objects.requireNonNull(raw, "raw").strip();
    if (text.isEmpty()) {
      throw new SenderIdRefused("the sender is empty: give an alphanumeric ID or an E.164 number");
    }
    if (text.charAt(0) == '+') {
      return number(text);
    }
    return alphanumeric(text);
  }

  private static SenderId number(String text) throws SenderIdRefused {
    try {
      return new SenderId(PhoneNumber.parse(text, "ZZ").e164(), Kind.NUMBER);
    } catch (InvalidAddressException e) {
      throw new SenderIdRefused(
          "the sender number " + text + " is not a valid E.164 number: " + e.getMessage());
    }
  }

  private static SenderId alphanumeric(String text) throws SenderIdRefused {
    boolean letter = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean latinLetter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      letter |= latinLetter;
      if (!latinLetter && !(c >= '0' && c <= '9') && PUNCTUATION.indexOf(c) < 0) {
        throw new SenderIdRefused(
            "an alphanumeric sender ID may hold only Latin letters, digits, spaces and . - _ &"
                + " (not "
                + shown(text.codePointAt(i))
                + ")");
      }
    }
    if (!letter) {
      throw new SenderIdRefused(
          "an alphanumeric sender ID needs at least one letter; a number is written in E.164"
              + " with + (e.g. +380671234567)");
    }
    if (text.length() > MAX_ALPHANUMERIC) {
      throw new SenderIdRefused(
          "an alphanumeric sender ID has at most %d characters (this one has %d)"
              .formatted(MAX_ALPHANUMERIC, text.length()));
    }
    return new SenderId(text, Kind.ALPHANUMERIC);
  }

  /** A character for an error message: quoted, or as U+XXXX when it is invisible. */
  private static String shown(int c) {
    return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
        ? "U+%04X".formatted(c)
        : "'" + Character.toString(c) + "'";
  }

  /** The SMPP {@code source_addr_ton}: 5 (alphanumeric) or 1 (international). */
  public byte ton() {
    return switch (kind) {
      case ALPHANUMERIC -> 5;
      case NUMBER -> 1;
    };
  }

  /**
   * The SMPP {@code source_addr_npi}: 0 (unknown) for an alphanumeric ID, 1 (E.164) for a number.
   */
  public byte npi() {
    return switch (kind) {
      case ALPHANUMERIC -> 0;
      case NUMBER -> 1;
    };
  }

  /**
   * The SMPP {@code source_addr}: the ID as it is, or the number's digits without the {@code +}.
   */
  public String smppAddress() {
    return switch (kind) {
      case ALPHANUMERIC -> value;
      case NUMBER -> value.substring(1);
    };
  }
}
