package io.herald.delivery.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.net.Socket;
import java.util.function.Supplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP client with two changes: the reply to the end of the message content waits
 * {@code dataMillis} instead of the ordinary reply timeout, since receivers scan content before
 * answering (RFC 5321 suggests ten minutes there, five elsewhere); and SMTPUTF8 is asked for only
 * by a message that needs it (the session writes commands in UTF-8, and Angus Mail would otherwise
 * put SMTPUTF8 on every MAIL FROM to a server that offers it).
 */
final class PooledSmtpTransport extends SMTPTransport {
  private final Supplier<Socket> sockets;
  private final int replyMillis;
  private final int dataMillis;
  private boolean utf8;
  private boolean inMailFrom;

  PooledSmtpTransport(
      Session session, URLName url, Supplier<Socket> sockets, int replyMillis, int dataMillis) {
    super(session, url);
    this.sockets = sockets;
    this.replyMillis = replyMillis;
    this.dataMillis = dataMillis;
  }

  /** Whether the next message asks for SMTPUTF8 (which the server must offer). */
  void utf8(boolean next) {
    utf8 = next;
  }

  /** Whether the server offers an extension, whatever the current message asks. */
  boolean offers(String extension) {
    return super.supportsExtension(extension);
  }

  /**
   * Angus Mail asks about SMTPUTF8 after EHLO only to log that the session allows UTF-8 and the
   * server does not offer it (Herald decides per message, in {@link SmtpConnection}), and while it
   * builds MAIL FROM, where the message's need decides.
   */
  @Override
  public boolean supportsExtension(String extension) {
    if ("SMTPUTF8".equalsIgnoreCase(extension)) {
      return !inMailFrom || (utf8 && super.supportsExtension(extension));
    }
    return super.supportsExtension(extension);
  }

  @Override
  protected void mailFrom() throws MessagingException {
    inMailFrom = true;
    try {
      super.mailFrom();
    } finally {
      inMailFrom = false;
    }
  }

  @Override
  protected void finishData() throws IOException, MessagingException {
    Socket socket = sockets.get();
    if (socket == null || socket.isClosed()) {
      super.finishData();
      return;
    }
    socket.setSoTimeout(dataMillis);
    try {
      super.finishData();
    } finally {
      if (!socket.isClosed()) {
        socket.setSoTimeout(replyMillis);
      }
    }
  }
}
