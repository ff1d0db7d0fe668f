package io.herald.channel.viber.sim;

/**
 * What the simulator makes of a message, by the last digit of its destination number (documented in
 * docs/viber.md): 0 the number is not a Viber user, 9 undeliverable, 8 expired (after the expiry
 * delay), 7 delivered but never read, 6 the user blocked the sender, any other digit delivered and
 * then read. Each failure is a {@code rejected} or {@code undeliverable} status with an error whose
 * text says why, as Vonage's status callbacks carry it.
 */
public enum Fate {
  NOT_VIBER_USER("rejected", "1300", "Not a Viber user: the destination number is not registered"),
  UNDELIVERABLE("undeliverable", "1320", "Viber could not deliver the message"),
  EXPIRED("rejected", "1330", "TTL expired: the message was not delivered within its validity"),
  DELIVERED("delivered", "", ""),
  BLOCKED("rejected", "1340", "The user blocked messages from this sender"),
  DELIVERED_THEN_READ("delivered", "", "");

  final String status;
  final String errorCode;
  final String errorText;

  Fate(String status, String errorCode, String errorText) {
    this.status = status;
    this.errorCode = errorCode;
    this.errorText = errorText;
  }

  /** The fate of a message to {@code number} (digits, with or without a leading +). */
  public static Fate of(String number) {
    char last = number.isEmpty() ? '1' : number.charAt(number.length() - 1);
    return switch (last) {
      case '0' -> NOT_VIBER_USER;
      case '9' -> UNDELIVERABLE;
      case '8' -> EXPIRED;
      case '7' -> DELIVERED;
      case '6' -> BLOCKED;
      default -> DELIVERED_THEN_READ;
    };
  }
}
