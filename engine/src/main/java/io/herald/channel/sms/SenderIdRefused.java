package io.herald.channel.sms;

/**
 * A sender that is neither an alphanumeric sender ID nor an E.164 number, with a one-line reason
 * naming the rule it breaks. Checked: it is the sender's input, answered with a 422 or CLI exit 2.
 */
public final class SenderIdRefused extends Exception {
  public SenderIdRefused(String reason) {
    super(reason, null, false, false);
  }
}
