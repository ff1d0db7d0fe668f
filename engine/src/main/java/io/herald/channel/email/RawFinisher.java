package io.herald.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Turns a message as the SMTP relay received it into the copy Herald sends: the footer added to
 * every inline text and HTML part (parsed with Jakarta Mail; attachments, images and every other
 * part are left as they were), and Herald's headers set over the client's where they conflict:
 * {@code List-Unsubscribe}, {@code List-Unsubscribe-Post}, {@code Feedback-ID}; a client's {@code
 * Return-Path}, {@code DKIM-Signature} (the body changed) and {@code Bcc} are removed. The client's
 * Message-ID stays; one is added when missing.
 */
final class RawFinisher {
  private static final List<String> REMOVED =
      List.of(
          "Return-Path",
          "DKIM-Signature",
          "Bcc",
          "List-Unsubscribe",
          "List-Unsubscribe-Post",
          "Feedback-ID");

  private final Session session;

  RawFinisher(Session session) {
    this.session = session;
  }

  /** The headers Herald sets on a copy. */
  record Headers(String listUnsubscribe, String feedbackId, String messageId, String date) {}

  /** Parses a raw message; Jakarta Mail accepts almost anything, so this rarely fails. */
  MimeMessage parse(byte[] rfc822, String fallbackMessageId) throws MessagingException {
    return new KeptIdMessage(session, new ByteArrayInputStream(rfc822), fallbackMessageId);
  }

  byte[] finish(byte[] rfc822, TransactionalFooter footer, Headers headers)
      throws MessagingException, IOException {
    MimeMessage message = parse(rfc822, headers.messageId());
    for (String name : REMOVED) {
      message.removeHeader(name);
    }
    if (!addFooters(message, footer)) {
      appendFooterPart(message, footer);
    }
    message.setHeader("List-Unsubscribe", headers.listUnsubscribe());
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    message.setHeader("Feedback-ID", headers.feedbackId());
    if (message.getHeader("Date") == null) {
      message.setHeader("Date", headers.date());
    }
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream(rfc822.length + 4096);
    message.writeTo(out);
    return out.toByteArray();
  }

  /** Adds the footer to every inline text part under {@code part}; true if there was one. */
  private static boolean addFooters(Part part, TransactionalFooter footer)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      boolean found = false;
      for (int i = 0; i < multipart.getCount(); i++) {
        found |= addFooters(multipart.getBodyPart(i), footer);
      }
      if (found) {
        part.setContent(multipart); // the changed parts are written from this object
      }
      return found;
    }
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return false;
    }
    if (part.isMimeType("text/plain") && part.getContent() instanceof String text) {
      setText(part, footer.text(text), "plain");
      return true;
    }
    if (part.isMimeType("text/html") && part.getContent() instanceof String html) {
      setText(part, footer.html(html), "html");
      return true;
    }
    return false;
  }

  private static void setText(Part part, String text, String subtype) throws MessagingException {
    String body = TransactionalFooter.crlf(text);
    if (part instanceof MimeBodyPart mime) {
      mime.setText(body, "UTF-8", subtype);
    } else if (part instanceof MimeMessage mime) {
      mime.setText(body, "UTF-8", subtype);
    } else {
      throw new MessagingException("unexpected part type " + part.getClass().getSimpleName());
    }
    part.setHeader("Content-Transfer-Encoding", "quoted-printable");
  }

  /**
   * No inline text anywhere (an attachment alone, say): the footer becomes a text part of its own,
   * next to what the message had.
   */
  private static void appendFooterPart(MimeMessage message, TransactionalFooter footer)
      throws MessagingException, IOException {
    MimeBodyPart text = new MimeBodyPart();
    text.setText(TransactionalFooter.crlf(footer.text("")), "UTF-8", "plain");
    text.setHeader("Content-Transfer-Encoding", "quoted-printable");
    if (message.isMimeType("multipart/mixed")) {
      Multipart mixed = (Multipart) message.getContent();
      mixed.addBodyPart(text);
      message.setContent(mixed);
      return;
    }
    MimeBodyPart original = new MimeBodyPart();
    original.setDataHandler(message.getDataHandler());
    original.setHeader("Content-Type", message.getContentType());
    String disposition = message.getHeader("Content-Disposition", null);
    if (disposition != null) {
      original.setHeader("Content-Disposition", disposition);
    }
    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(original);
    mixed.addBodyPart(text);
    message.removeHeader("Content-Disposition");
    message.setContent(mixed);
  }

  /** A parsed message that keeps its own Message-ID on save, or gets Herald's when it has none. */
  private static final class KeptIdMessage extends MimeMessage {
    private final String fallback;

    KeptIdMessage(Session session, ByteArrayInputStream in, String fallback)
        throws MessagingException {
      super(session, in);
      this.fallback = fallback;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      String[] existing = getHeader("Message-ID");
      if (existing == null || existing.length != 1 || existing[0].isBlank()) {
        setHeader("Message-ID", fallback);
      }
    }
  }
}
