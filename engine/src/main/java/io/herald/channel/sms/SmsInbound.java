package io.herald.channel.sms;

/**
 * What an SMSC sends to Herald, handed over by the gateway as it arrives (on the gateway's own
 * threads; implementations must not block for long): delivery receipts for submitted messages and
 * replies from phones (mobile-originated messages).
 */
public interface SmsInbound {
  void receipt(DeliveryReceipt receipt);

  void reply(MobileReply reply);
}
