package io.herald.delivery.smtp;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A finished message sent byte for byte: Jakarta Mail only dot-stuffs and normalises line ends on
 * the way out, and never parses, re-encodes or adds a header (Message-ID, DKIM signatures and the
 * rest must reach the receiver as signed). The envelope sender rides along for {@code MAIL FROM}.
 */
final class RawMessage extends SMTPMessage {
  private final byte[] rfc822;

  RawMessage(Session session, byte[] rfc822, String mailFrom) {
    super(session);
    this.rfc822 = rfc822;
    setEnvelopeFrom(mailFrom.isEmpty() ? "<>" : mailFrom);
  }

  @Override
  public void writeTo(OutputStream os) throws IOException {
    os.write(rfc822);
  }

  @Override
  public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
    os.write(rfc822);
  }

  @Override
  public int getSize() {
    return rfc822.length;
  }
}
