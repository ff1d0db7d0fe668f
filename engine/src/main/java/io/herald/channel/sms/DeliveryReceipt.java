package io.herald.channel.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery receipt for one submitted part: the SMSC's {@code messageId} (from the {@code
 * receipted_message_id} TLV, or the {@code id:} of the text form), its {@link ReceiptState}, the
 * SMSC's error code ({@code ""} when none) and when Herald received it.
 */
public record DeliveryReceipt(String messageId, ReceiptState state, String error, Instant at) {
  public DeliveryReceipt {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
  }
}
