package io.herald.channel.sms;

/**
 * The port through which Herald hands an encoded SMS to the network (one or more SMSC connections
 * over SMPP in production). Implementations apply their own per-connection window and rate, and
 * never block forever; every failure, including an exception inside, comes back as a {@link
 * SubmitOutcome}, never as a thrown exception. Delivery receipts and replies arrive later, through
 * the {@link SmsInbound} the gateway was built with.
 */
public interface SmsGateway extends AutoCloseable {
  SubmitOutcome submit(SmsSubmission submission);

  @Override
  default void close() {}
}
