package io.herald.delivery;

/**
 * The port through which delivery hands a finished message to the network. Implementations apply
 * their own per-destination limits and never block forever; every failure, including an exception
 * inside, comes back as a {@link SendOutcome}, never as a thrown exception.
 */
public interface EmailTransport extends AutoCloseable {
  SendOutcome send(Envelope envelope, byte[] rfc822);

  @Override
  default void close() {}
}
