package io.herald.channel.email;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The body text of a message part as characters (its transfer encoding and charset undone), which
 * Herald needs to add the footer, and the part's new body and header values after it: UTF-8,
 * quoted-printable. What cannot be read is {@link Undeliverable}, with the reason.
 */
final class BodyText {
  private static final int MAX_NAME = 40;

  private BodyText() {}

  /** The part's text. */
  static String read(byte[] message, MimePart part) throws Undeliverable {
    byte[] raw = Arrays.copyOfRange(message, part.bodyStart(), part.bodyEnd());
    String encoding = part.encoding();
    byte[] bytes =
        switch (encoding) {
          case "7bit", "8bit", "binary" -> raw;
          case "base64" -> base64(raw);
          case "quoted-printable" -> quotedPrintable(raw);
          default ->
              throw new Undeliverable(
                  "the body text has the transfer encoding "
                      + shown(encoding)
                      + ", which Herald cannot decode to add its footer; use base64,"
                      + " quoted-printable, 7bit or 8bit");
        };
    return decode(bytes, charset(part));
  }

  /** The new body: the text, every line break CRLF, in quoted-printable UTF-8. */
  static byte[] encode(String text) {
    return QuotedPrintable.encodeToBytes(text);
  }

  /** The part's Content-Type with the charset of {@link #encode}, other parameters kept. */
  static String contentType(MimePart part) {
    ContentType type = part.type().orElseThrow();
    type.setParameter("charset", "UTF-8");
    return type.toString();
  }

  private static Charset charset(MimePart part) throws Undeliverable {
    ContentType type = part.type().orElseThrow();
    String name = type.getParameter("charset");
    if (name == null || name.isBlank()) {
      return StandardCharsets.US_ASCII;
    }
    try {
      return Charset.forName(MimeUtility.javaCharset(name.strip()));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new Undeliverable(
          "the body text is in the charset "
              + shown(name)
              + ", which Herald cannot read to add its footer; send it in UTF-8");
    }
  }

  /**
   * Decodes leniently as receivers do, except that US-ASCII text holding valid UTF-8 (the common
   * missing charset) is read as UTF-8 rather than losing its letters.
   */
  private static String decode(byte[] bytes, Charset charset) {
    if (charset.equals(StandardCharsets.US_ASCII)) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException notUtf8) {
        // falls through to the declared charset, with replacement characters
      }
    }
    return new String(bytes, charset);
  }

  private static byte[] base64(byte[] raw) throws Undeliverable {
    byte[] compact = new byte[raw.length];
    int n = 0;
    for (byte b : raw) {
      if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
        compact[n++] = b;
      }
    }
    try {
      return Base64.getDecoder().decode(Arrays.copyOf(compact, n));
    } catch (IllegalArgumentException e) {
      throw new Undeliverable("the body text is not valid base64: " + e.getMessage());
    }
  }

  private static byte[] quotedPrintable(byte[] raw) throws Undeliverable {
    try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(raw), "quoted-printable")) {
      return in.readAllBytes();
    } catch (IOException | jakarta.mail.MessagingException e) {
      throw new Undeliverable("the body text is not valid quoted-printable: " + e.getMessage());
    }
  }

  /** A name from the message, shortened for a reply line. */
  private static String shown(String name) {
    String clean = name.strip();
    return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) + "…" : clean;
  }
}
