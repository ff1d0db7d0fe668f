package io.herald.delivery.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.net.Socket;
import java.util.function.Supplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP client with one change: the reply to the end of the message content waits
 * {@code dataMillis} instead of the ordinary reply timeout, since receivers scan content before
 * answering (RFC 5321 suggests ten minutes there, five elsewhere).
 */
final class PooledSmtpTransport extends SMTPTransport {
  private final Supplier<Socket> sockets;
  private final int replyMillis;
  private final int dataMillis;

  PooledSmtpTransport(
      Session session, URLName url, Supplier<Socket> sockets, int replyMillis, int dataMillis) {
    super(session, url);
    this.sockets = sockets;
    this.replyMillis = replyMillis;
    this.dataMillis = dataMillis;
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
