package io.herald.channel.sms;

/**
 * The state a delivery receipt reports (SMPP 3.4 {@code message_state}, and the {@code stat:} words
 * of the text form: DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN, ACCEPTD, ENROUTE).
 */
public enum ReceiptState {
  ENROUTE(false),
  DELIVERED(true),
  EXPIRED(true),
  DELETED(true),
  UNDELIVERABLE(true),
  ACCEPTED(false),
  UNKNOWN(true),
  REJECTED(true);

  private final boolean isFinal;

  ReceiptState(boolean isFinal) {
    this.isFinal = isFinal;
  }

  /** True when the message will not change state again (ENROUTE and ACCEPTED are interim). */
  public boolean isFinal() {
    return isFinal;
  }
}
