package io.herald.channel.email;

import io.herald.delivery.Envelope;
import java.util.Arrays;
import java.util.Objects;

/**
 * A finished message as SMTP needs it: the envelope ({@code MAIL FROM} is the signed VERP bounce
 * address, {@code RCPT TO} the one recipient), the Message-ID (to match replies, complaints and
 * logs) and the exact RFC 5322 bytes, already DKIM-signed when a key is configured. Bytes rather
 * than a {@code MimeMessage}, because a signature covers bytes and {@link
 * io.herald.delivery.EmailTransport} writes bytes; nothing re-encodes the message after signing.
 * The array is not copied (messages are large and many); no one may modify it. Send the bytes as
 * they are: wrapping them in a {@code MimeMessage} and calling {@code Transport.send} would run
 * {@code saveChanges()}, which replaces the Message-ID and breaks the DKIM signature.
 */
public record OutgoingEmail(
    String envelopeFrom, String recipient, String messageId, byte[] rfc822) {
  public OutgoingEmail {
    Objects.requireNonNull(envelopeFrom, "envelopeFrom");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(rfc822, "rfc822");
  }

  /** The SMTP envelope for {@link io.herald.delivery.EmailTransport#send}. */
  public Envelope envelope() {
    return new Envelope(envelopeFrom, recipient);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutgoingEmail that
        && envelopeFrom.equals(that.envelopeFrom)
        && recipient.equals(that.recipient)
        && messageId.equals(that.messageId)
        && Arrays.equals(rfc822, that.rfc822);
  }

  @Override
  public int hashCode() {
    return Objects.hash(envelopeFrom, recipient, messageId, Arrays.hashCode(rfc822));
  }

  @Override
  public String toString() {
    return "OutgoingEmail[" + messageId + " to " + recipient + ", " + rfc822.length + " bytes]";
  }
}
