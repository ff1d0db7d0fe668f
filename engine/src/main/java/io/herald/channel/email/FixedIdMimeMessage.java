package io.herald.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage that keeps the Message-ID Herald chose: Jakarta Mail would otherwise replace it
 * with one of its own on {@code saveChanges()}, and the id is what matches complaints and replies
 * to the message.
 */
final class FixedIdMimeMessage extends MimeMessage {
  private final String messageId;

  FixedIdMimeMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
