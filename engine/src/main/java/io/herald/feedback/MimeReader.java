package io.herald.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Takes a mail apart with Jakarta Mail, which handles the MIME structure, transfer encodings and
 * truncated multiparts (a missing end boundary is accepted); the report bodies themselves are
 * returned as text for {@link Fields} to read, since Jakarta Mail has no handler for them. It walks
 * at most {@link #MAX_DEPTH} levels and {@link #MAX_PARTS} parts, keeps the first part of each
 * kind, and skips a part it cannot decode rather than giving up on the mail. The returned original
 * is read only as far as {@link #MAX_ORIGINAL} bytes (its header and text are all that is needed),
 * and its body only when {@link MimeShape} accepts it, like the mail itself. RFC 6533's {@code
 * message/global-*} types are read like their ASCII counterparts.
 */
final class MimeReader {
  static final int MAX_DEPTH = 4;
  static final int MAX_PARTS = 64;
  static final int MAX_ORIGINAL = 1 << 20;
  static final int MAX_TEXT = 1 << 20;

  private static final Pattern FEEDBACK_TYPE =
      Pattern.compile("^Feedback-Type[ \\t]*:", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private final Session session;

  MimeReader() {
    Properties properties = new Properties();
    properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    properties.setProperty("mail.mime.multipart.allowempty", "true");
    properties.setProperty("mail.mime.parameters.strict", "false");
    properties.setProperty("mail.mime.ignoreunknownencoding", "true");
    // Raw UTF-8 in header fields (RFC 6532; many auto-replies' subjects) is read as UTF-8.
    properties.setProperty("mail.mime.allowutf8", "true");
    this.session = Session.getInstance(properties);
  }

  ReportParts read(byte[] mail) throws MessagingException {
    MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(mail));
    Walk walk = new Walk();
    walk.visit(message, 0);
    return new ReportParts(
        Fields.of(message.getAllHeaders()),
        Optional.ofNullable(walk.deliveryStatus),
        Optional.ofNullable(walk.feedbackReport),
        Optional.ofNullable(walk.originalHeader),
        walk.originalText == null ? "" : walk.originalText,
        walk.humanText == null ? "" : walk.humanText);
  }

  /** One pass over one mail's parts; holds the first part of each kind. */
  private final class Walk {
    private int parts;
    private String deliveryStatus;
    private String feedbackReport;
    private Fields originalHeader;
    private String originalText;
    private String humanText;

    void visit(Part part, int depth) {
      if (++parts > MAX_PARTS) {
        return;
      }
      try {
        switch (baseType(part)) {
          case "message/delivery-status", "message/global-delivery-status" -> {
            deliveryStatus = deliveryStatus != null ? deliveryStatus : utf8(part, MAX_TEXT);
          }
          case "message/feedback-report" -> {
            feedbackReport = feedbackReport != null ? feedbackReport : utf8(part, MAX_TEXT);
          }
          case "message/rfc822", "message/global" -> original(bytes(part, MAX_ORIGINAL), true);
          case "text/rfc822-headers", "message/global-headers" ->
              original(bytes(part, MAX_ORIGINAL), false);
          case "text/plain" -> text(utf8(part, MAX_TEXT));
          case String type when type.startsWith("multipart/") && depth < MAX_DEPTH -> {
            MimeMultipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < multipart.getCount(); i++) {
              visit(multipart.getBodyPart(i), depth + 1);
            }
          }
          default -> {}
        }
      } catch (MessagingException | IOException unreadable) {
        // One part Jakarta Mail cannot decode (a bad boundary or encoding) leaves the others.
      }
    }

    /**
     * A text part: the first is the human-readable one; one that holds a {@code Feedback-Type}
     * field is a feedback report sent with the wrong type, as some feedback loops do.
     */
    private void text(String text) {
      if (feedbackReport == null && FEEDBACK_TYPE.matcher(text).find()) {
        feedbackReport = text;
      }
      humanText = humanText != null ? humanText : text;
    }

    private void original(byte[] bytes, boolean whole) throws MessagingException {
      if (originalHeader != null) {
        return;
      }
      // Latin-1 keeps every byte; the header is only searched for ASCII fields and tokens.
      originalHeader = Fields.header(new String(bytes, StandardCharsets.ISO_8859_1).stripLeading());
      originalText = whole ? textOf(bytes) : "";
    }
  }

  /** The text of the original's text parts, where its unsubscribe links are. */
  private String textOf(byte[] original) throws MessagingException {
    if (MimeShape.refusal(original).isPresent()) {
      return "";
    }
    MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(original));
    StringBuilder out = new StringBuilder();
    collectText(message, 0, out, new int[] {0});
    return out.toString();
  }

  private void collectText(Part part, int depth, StringBuilder out, int[] parts) {
    if (++parts[0] > MAX_PARTS || out.length() >= MAX_TEXT) {
      return;
    }
    try {
      String type = baseType(part);
      if (type.equals("text/plain") || type.equals("text/html")) {
        out.append(utf8(part, MAX_TEXT - out.length())).append('\n');
      } else if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
        MimeMultipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
        for (int i = 0; i < multipart.getCount(); i++) {
          collectText(multipart.getBodyPart(i), depth + 1, out, parts);
        }
      }
    } catch (MessagingException | IOException unreadable) {
      // As above: what can be read is still worth scanning.
    }
  }

  /** The lowercase type and subtype; a Content-Type Jakarta Mail cannot parse is cut at ';'. */
  private static String baseType(Part part) throws MessagingException {
    String header = part.getContentType();
    if (header == null) {
      return "text/plain";
    }
    try {
      return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
    } catch (ParseException unparsable) {
      return header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The part's content, transfer encoding undone, as UTF-8: report fields are ASCII (UTF-8 in the
   * global types), and whatever else a diagnostic holds is at worst replaced by U+FFFD.
   */
  private static String utf8(Part part, int max) throws MessagingException, IOException {
    return new String(bytes(part, max), StandardCharsets.UTF_8);
  }

  /** At most {@code max} bytes of the part's content, transfer encoding undone. */
  private static byte[] bytes(Part part, int max) throws MessagingException, IOException {
    try (InputStream in = decoded(part)) {
      return in.readNBytes(max);
    }
  }

  /**
   * The part's content stream. Jakarta Mail leaves a base64 or quoted-printable {@code message/*}
   * part encoded, as RFC 2046 allows those none; but RFC 6533 allows them for the global report
   * types and some MTAs encode the ASCII ones too, so they are decoded here.
   */
  private static InputStream decoded(Part part) throws MessagingException, IOException {
    if (part instanceof MimePart mime && baseType(part).startsWith("message/")) {
      String encoding = mime.getEncoding();
      String lower = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
      if (lower.equals("base64") || lower.equals("quoted-printable")) {
        InputStream raw =
            mime instanceof MimeBodyPart body
                ? body.getRawInputStream()
                : ((MimeMessage) mime).getRawInputStream();
        return MimeUtility.decode(raw, lower);
      }
    }
    return part.getInputStream();
  }
}
