package io.herald.channel.sms;

import java.util.Objects;

/**
 * One SMS to submit: from a sender ID, to an E.164 number, its encoded parts, and whether to ask
 * the SMSC for a delivery receipt (always, for campaigns and transactional messages).
 */
public record SmsSubmission(SenderId from, String to, EncodedSms body, boolean wantReceipt) {
  public SmsSubmission {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
  }
}
