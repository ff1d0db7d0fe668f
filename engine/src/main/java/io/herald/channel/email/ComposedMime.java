package io.herald.channel.email;

import io.herald.message.StoredMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;

/**
 * A composed transactional message as MIME: From with the sender's name, To with every recipient
 * the client named, Reply-To, Subject, Date, Herald's headers, and the bodies with the footer — a
 * text part (the given text, or one derived from the HTML) and, when there is HTML, an HTML part
 * beside it. The values were validated on acceptance; display names are still made header-safe
 * here.
 */
final class ComposedMime {
  private final Session session;

  ComposedMime(Session session) {
    this.session = session;
  }

  byte[] write(
      StoredMessage.Composed content, TransactionalFooter footer, RawFinisher.Headers headers)
      throws MessagingException, IOException {
    MimeMessage message = new FixedIdMimeMessage(session, headers.messageId());
    message.setFrom(address(content.fromAddress(), content.fromName()));
    InternetAddress[] to = new InternetAddress[content.to().size()];
    for (int i = 0; i < to.length; i++) {
      to[i] = address(content.to().get(i), "");
    }
    message.setRecipients(Message.RecipientType.TO, to);
    if (content.replyTo().isPresent()) {
      message.setReplyTo(new InternetAddress[] {address(content.replyTo().get(), "")});
    }
    message.setSubject(HeaderText.clean(content.subject()), "UTF-8");
    message.setHeader("Date", headers.date());
    message.setHeader("List-Unsubscribe", headers.listUnsubscribe());
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    message.setHeader("Feedback-ID", headers.feedbackId());
    String text =
        footer.text(content.text().orElseGet(() -> HtmlToText.convert(content.html().orElse(""))));
    MimeBodyPart textPart = part(text, "plain");
    if (content.html().isPresent()) {
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(textPart);
      alternative.addBodyPart(part(footer.html(content.html().get()), "html"));
      message.setContent(alternative);
    } else {
      message.setText(TransactionalFooter.crlf(text), "UTF-8", "plain");
      message.setHeader("Content-Transfer-Encoding", "quoted-printable");
    }
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    message.writeTo(out);
    return out.toByteArray();
  }

  private static MimeBodyPart part(String body, String subtype) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(TransactionalFooter.crlf(body), "UTF-8", subtype);
    part.setHeader("Content-Transfer-Encoding", "quoted-printable");
    return part;
  }

  private static InternetAddress address(String email, String displayName) throws AddressException {
    String name = HeaderText.clean(displayName);
    try {
      InternetAddress address = new InternetAddress(email, name.isEmpty() ? null : name, "UTF-8");
      address.validate();
      return address;
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }
}
