package io.herald.channel.sms;

/**
 * A text that cannot be sent as an SMS, with a one-line reason for the person who wrote it: empty,
 * longer than {@link SmsEncoding#MAX_PARTS} parts, or carrying a broken character. It is checked
 * because it is the sender's input that is wrong: the API answers 422, the CLI exits 2, and a
 * campaign records that one recipient as failed (a personalised text can grow past the limit).
 */
public final class SmsTextRefused extends Exception {
  public SmsTextRefused(String reason) {
    super(reason, null, false, false);
  }
}
