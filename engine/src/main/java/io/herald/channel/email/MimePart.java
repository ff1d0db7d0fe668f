package io.herald.channel.email;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One MIME entity of a raw message (RFC 2045, 2046) as positions in the message's bytes, so that
 * Herald can change the few bytes it must and copy every other byte as the client sent it. Built by
 * {@link MimeReader}; never holds a copy of the content.
 *
 * @param fields the entity's header fields, in order
 * @param headerEnd where the blank line after the fields starts (the entity's end when it has none)
 * @param bodyStart the first byte of the body (after the blank line)
 * @param bodyEnd the end of the body (exclusive; for a part, before the CRLF of the next delimiter)
 * @param children the parts of a multipart entity, empty otherwise
 * @param closeAt for a multipart, where the CRLF before its closing delimiter starts; -1 otherwise
 */
record MimePart(
    List<Field> fields,
    int headerEnd,
    int bodyStart,
    int bodyEnd,
    List<MimePart> children,
    int closeAt) {

  /**
   * One header field: its name, its value unfolded (read as UTF-8, RFC 6532), and where its bytes
   * are, trailing CRLF included.
   */
  record Field(String name, String value, int start, int end) {
    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  MimePart {
    fields = List.copyOf(fields);
    children = List.copyOf(children);
  }

  Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.is(name)).findFirst();
  }

  /**
   * The Content-Type; text/plain when absent (RFC 2045 section 5.2), and empty when it cannot be
   * parsed, which makes the part one Herald keeps as it is and never looks into.
   */
  Optional<ContentType> type() {
    Optional<Field> field = field("Content-Type");
    if (field.isEmpty()) {
      return Optional.of(new ContentType("text", "plain", null));
    }
    try {
      return Optional.of(new ContentType(field.get().value()));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  boolean isType(String baseType) {
    return type().map(t -> t.match(baseType)).orElse(false);
  }

  /** The Content-Transfer-Encoding in lower case; 7bit when absent. */
  String encoding() {
    return field("Content-Transfer-Encoding")
        .map(f -> f.value().strip().toLowerCase(Locale.ROOT))
        .orElse("7bit");
  }

  /**
   * Whether the part is a file rather than the message's own text: {@code attachment}, or a file
   * name in Content-Disposition or Content-Type ({@code inline; filename=data.csv} is a file shown
   * inline, not the body).
   */
  boolean isFile() {
    if (type().map(t -> t.getParameter("name") != null).orElse(false)) {
      return true;
    }
    Optional<Field> disposition = field("Content-Disposition");
    if (disposition.isEmpty()) {
      return false;
    }
    try {
      ContentDisposition parsed = new ContentDisposition(disposition.get().value());
      return "attachment".equalsIgnoreCase(parsed.getDisposition())
          || parsed.getParameter("filename") != null;
    } catch (ParseException e) {
      return true; // unreadable: treated as a file, so kept as it is
    }
  }

  /** Signed or encrypted content, which no byte may change in (RFC 1847, RFC 8551). */
  boolean isSealed() {
    return isType("multipart/signed")
        || isType("multipart/encrypted")
        || isType("application/pkcs7-mime")
        || isType("application/x-pkcs7-mime");
  }
}
