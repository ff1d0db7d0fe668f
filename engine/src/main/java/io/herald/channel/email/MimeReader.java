package io.herald.channel.email;

import jakarta.mail.internet.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the MIME structure of a raw message into {@link MimePart}s: header fields, bodies and the
 * parts of multiparts (RFC 2046 section 5.1.1 delimiters: {@code --boundary} at a line start, the
 * CRLF before it belonging to the delimiter). Lines end in CRLF (the relay refuses anything else).
 * It is tolerant as receivers are (a missing closing delimiter ends the multipart at its end) but
 * bounded: nesting and the number of parts are limited, and past the limits the message is refused.
 */
final class MimeReader {
  static final int MAX_DEPTH = 32;
  static final int MAX_PARTS = 1000;

  private final byte[] message;
  private int parts;

  private MimeReader(byte[] message) {
    this.message = message;
  }

  /** The whole message as its top-level entity. */
  static MimePart read(byte[] message) throws Undeliverable {
    return new MimeReader(message).entity(0, message.length, 0);
  }

  private MimePart entity(int start, int end, int depth) throws Undeliverable {
    if (++parts > MAX_PARTS) {
      throw new Undeliverable("the message has more than " + MAX_PARTS + " MIME parts");
    }
    List<MimePart.Field> fields = new ArrayList<>();
    int pos = start;
    int headerEnd = end;
    int bodyStart = end;
    while (pos < end) {
      if (isCrlf(pos, end)) {
        headerEnd = pos;
        bodyStart = pos + 2;
        break;
      }
      int fieldEnd = lineEnd(pos, end);
      while (fieldEnd < end && (message[fieldEnd] == ' ' || message[fieldEnd] == '\t')) {
        fieldEnd = lineEnd(fieldEnd, end);
      }
      fields.add(field(pos, fieldEnd));
      pos = fieldEnd;
    }
    MimePart leaf = new MimePart(fields, headerEnd, bodyStart, end, List.of(), -1);
    Optional<ContentType> type = leaf.type();
    String boundary = type.map(t -> t.getParameter("boundary")).orElse(null);
    if (!leaf.isType("multipart/*") || boundary == null || boundary.isEmpty()) {
      return leaf;
    }
    if (depth >= MAX_DEPTH) {
      throw new Undeliverable("MIME parts are nested more than " + MAX_DEPTH + " deep");
    }
    return multipart(leaf, boundary.getBytes(StandardCharsets.UTF_8), depth);
  }

  private MimePart multipart(MimePart leaf, byte[] boundary, int depth) throws Undeliverable {
    List<MimePart> children = new ArrayList<>();
    int end = leaf.bodyEnd();
    int partStart = -1;
    for (int line = leaf.bodyStart(); line < end; line = lineEnd(line, end)) {
      int kind = delimiter(line, end, boundary);
      if (kind == NONE) {
        continue;
      }
      if (partStart >= 0) {
        int partEnd = Math.max(partStart, line - 2);
        children.add(entity(partStart, partEnd, depth + 1));
      }
      if (kind == CLOSE) {
        return withChildren(leaf, children, line - 2);
      }
      partStart = lineEnd(line, end);
    }
    if (partStart < 0) {
      return leaf; // no delimiter at all: kept whole, as an opaque body
    }
    children.add(entity(partStart, end, depth + 1));
    return withChildren(leaf, children, -1);
  }

  private static MimePart withChildren(MimePart leaf, List<MimePart> children, int closeAt) {
    return new MimePart(
        leaf.fields(), leaf.headerEnd(), leaf.bodyStart(), leaf.bodyEnd(), children, closeAt);
  }

  private static final int NONE = 0;
  private static final int OPEN = 1;
  private static final int CLOSE = 2;

  /** Whether the line at {@code line} is {@code --boundary} or {@code --boundary--}. */
  private int delimiter(int line, int end, byte[] boundary) {
    int pos = line;
    if (pos + 2 + boundary.length > end || message[pos] != '-' || message[pos + 1] != '-') {
      return NONE;
    }
    pos += 2;
    for (byte b : boundary) {
      if (message[pos++] != b) {
        return NONE;
      }
    }
    int kind = OPEN;
    if (pos + 1 < end && message[pos] == '-' && message[pos + 1] == '-') {
      kind = CLOSE;
      pos += 2;
    }
    int stop = lineEnd(line, end);
    int content = stop >= 2 && isCrlf(stop - 2, end) ? stop - 2 : stop;
    for (; pos < content; pos++) {
      if (message[pos] != ' ' && message[pos] != '\t') {
        return NONE; // RFC 2046: only white space may follow the boundary
      }
    }
    return kind;
  }

  private MimePart.Field field(int start, int end) {
    String text = new String(message, start, end - start, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    String name = colon < 0 ? "" : text.substring(0, colon).strip();
    String value = colon < 0 ? "" : text.substring(colon + 1).replaceAll("\r\n", "").strip();
    return new MimePart.Field(name, value, start, end);
  }

  /** The start of the next line (after the CRLF), or {@code end}. */
  private int lineEnd(int from, int end) {
    for (int i = from; i + 1 < end; i++) {
      if (message[i] == '\r' && message[i + 1] == '\n') {
        return i + 2;
      }
    }
    return end;
  }

  private boolean isCrlf(int pos, int end) {
    return pos + 1 < end && message[pos] == '\r' && message[pos + 1] == '\n';
  }
}
