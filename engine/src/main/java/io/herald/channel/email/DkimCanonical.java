package io.herald.channel.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 6376 relaxed canonicalization (section 3.4.2 headers, 3.4.4 body) over a message's bytes, as
 * a receiver computes it: octets, not characters, so raw UTF-8 headers (RFC 6532) and 8-bit bodies
 * hash exactly as they travel. Header text is handled as ISO-8859-1, which maps each octet to one
 * char and back unchanged.
 */
final class DkimCanonical {
  private DkimCanonical() {}

  /** One header field as it is in the message, folding included, without the final CRLF. */
  record Field(String name, String text) {}

  /** Where the body starts (after the blank line), or the length when there is none. */
  static int bodyStart(byte[] m) {
    for (int i = 0; i + 3 < m.length; i++) {
      if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
        return i + 4;
      }
    }
    return m.length;
  }

  /** The header fields before {@code bodyStart}, in order. */
  static List<Field> fields(byte[] m, int bodyStart) {
    int end = Math.max(0, bodyStart - 2);
    String header = new String(m, 0, end, StandardCharsets.ISO_8859_1);
    List<Field> fields = new ArrayList<>();
    for (String line : header.split("\r\n")) {
      if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
        Field last = fields.removeLast();
        fields.add(new Field(last.name(), last.text() + "\r\n" + line));
      } else if (line.indexOf(':') > 0) {
        fields.add(new Field(line.substring(0, line.indexOf(':')).strip(), line));
      }
    }
    return fields;
  }

  /** A field in relaxed form: lower-case name, unfolded, white space runs as one space. */
  static String header(String field) {
    int colon = field.indexOf(':');
    String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    StringBuilder value = new StringBuilder(field.length());
    boolean space = false;
    for (int i = colon + 1; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\r' || c == '\n') {
        continue;
      }
      if (c == ' ' || c == '\t') {
        space = true;
      } else {
        if (space && !value.isEmpty()) {
          value.append(' ');
        }
        space = false;
        value.append(c);
      }
    }
    return name + ":" + value;
  }

  /** SHA-256 of the relaxed body from {@code from} on. */
  static byte[] bodyHash(byte[] m, int from) {
    MessageDigest digest = sha256();
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int emptyLines = 0;
    int i = from;
    while (i < m.length) {
      int end = i;
      while (end < m.length && !(m[end] == '\r' && end + 1 < m.length && m[end + 1] == '\n')) {
        end++;
      }
      line.reset();
      boolean space = false;
      for (int j = i; j < end; j++) {
        byte b = m[j];
        if (b == ' ' || b == '\t') {
          space = true;
        } else {
          if (space) {
            line.write(' ');
          }
          space = false;
          line.write(b);
        }
      }
      if (line.size() == 0) {
        emptyLines++; // trailing empty lines are dropped; inner ones kept when text follows
      } else {
        for (; emptyLines > 0; emptyLines--) {
          digest.update(CRLF);
        }
        digest.update(line.toByteArray());
        digest.update(CRLF);
      }
      i = end + 2;
    }
    return digest.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};
}
