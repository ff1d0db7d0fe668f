package io.herald.channel.email;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A campaign message written straight to its bytes: the headers, then a {@code
 * multipart/alternative} body of a text and an HTML part, both quoted-printable. The values go
 * through the same Jakarta Mail functions {@code MimeMessage} would use (address formatting, RFC
 * 2047 encoding and folding), but no {@code MimeMessage} is built, filled and written for each
 * recipient: that object graph and its stream chain cost more than the rest of composing together.
 *
 * <p>The boundary contains {@code "=_"}, which quoted-printable content can never contain (every
 * {@code '='} in it is a soft break or starts an escape), so no body line can end the part early.
 */
final class CampaignMime {
  private static final byte[] PART_HEADERS_TEXT =
      ascii(
          "Content-Type: text/plain; charset=UTF-8\r\n"
              + "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
  private static final byte[] PART_HEADERS_HTML =
      ascii(
          "Content-Type: text/html; charset=UTF-8\r\n"
              + "Content-Transfer-Encoding: quoted-printable\r\n\r\n");

  private CampaignMime() {}

  /** What goes into the header block; every value is already validated or made header-safe. */
  record Headers(
      String date,
      InternetAddress from,
      InternetAddress to,
      Optional<InternetAddress> replyTo,
      String messageId,
      String subject,
      String listUnsubscribe,
      String feedbackId) {}

  /**
   * @param boundary unique to the message, of characters allowed in a boundary (RFC 2046)
   * @param text the text part, quoted-printable, its lines ending in CRLF
   * @param html the HTML part, the same
   */
  static byte[] write(Headers headers, String boundary, byte[] text, byte[] html) {
    StringBuilder head = new StringBuilder(1024);
    header(head, "Date", headers.date());
    header(head, "From", headers.from().toString());
    header(head, "To", InternetAddress.toString(new Address[] {headers.to()}, "To: ".length()));
    headers
        .replyTo()
        .ifPresent(
            r ->
                header(
                    head,
                    "Reply-To",
                    InternetAddress.toString(new Address[] {r}, "Reply-To: ".length())));
    header(head, "Message-ID", headers.messageId());
    header(head, "Subject", subject(headers.subject()));
    header(head, "MIME-Version", "1.0");
    header(head, "List-Unsubscribe", headers.listUnsubscribe());
    header(head, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    header(head, "Feedback-ID", headers.feedbackId());
    header(head, "Content-Type", "multipart/alternative;\r\n\tboundary=\"" + boundary + "\"");
    head.append("\r\n");
    byte[] top = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] open = ascii("--" + boundary + "\r\n");
    byte[] between = ascii("\r\n--" + boundary + "\r\n");
    byte[] close = ascii("\r\n--" + boundary + "--\r\n");
    return concat(top, open, PART_HEADERS_TEXT, text, between, PART_HEADERS_HTML, html, close);
  }

  /** A subject as Jakarta Mail's {@code setSubject(subject, "UTF-8")} stores it. */
  private static String subject(String subject) {
    try {
      return MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", null));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  private static void header(StringBuilder out, String name, String value) {
    out.append(name).append(": ").append(value).append("\r\n");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
