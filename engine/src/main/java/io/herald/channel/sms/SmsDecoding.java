package io.herald.channel.sms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads {@code short_message}s back into text: what the SMSC simulator and the tests see of
 * Herald's parts, and what a gateway reads from a phone's reply. Lenient, since the other side's
 * mistakes must not lose a reply: an octet that no alphabet maps reads as U+FFFD.
 */
public final class SmsDecoding {
  private static final char REPLACEMENT = '\uFFFD';

  // The data_coding values read: SMSC default (GSM-7 unpacked), IA5 (ASCII), Latin-1, UCS-2.
  private static final int GSM7 = 0x00;

  private static final int IA5 = 0x01;
  private static final int LATIN1 = 0x03;
  private static final int UCS2 = 0x08;

  private SmsDecoding() {}

  /** One part: its text and, when its header has one, its concatenation element. */
  public record DecodedPart(String text, Optional<Concatenation> concatenation) {}

  /** The whole text of an encoded SMS, its parts' texts joined in order. */
  public static String text(EncodedSms sms) {
    StringBuilder text = new StringBuilder();
    for (EncodedSms.Part part : sms.parts()) {
      text.append(part(sms.alphabet().dataCoding(), part.shortMessage(), part.udh()).text());
    }
    return text.toString();
  }

  /**
   * One {@code short_message} as text; {@code udh} is the {@code esm_class} UDHI flag, saying that
   * the message starts with a user data header.
   *
   * @throws IllegalArgumentException for a {@code data_coding} other than 0, 1, 3 or 8, or a header
   *     longer than the message
   */
  public static DecodedPart part(byte dataCoding, byte[] shortMessage, boolean udh) {
    int start = udh ? Concatenation.headerLength(shortMessage) : 0;
    Optional<Concatenation> concatenation =
        udh ? Concatenation.read(shortMessage) : Optional.empty();
    byte[] body = Arrays.copyOfRange(shortMessage, start, shortMessage.length);
    String text =
        switch (dataCoding & 0xFF) {
          case GSM7 -> septets(body);
          case IA5 -> ascii(body);
          case LATIN1 -> new String(body, StandardCharsets.ISO_8859_1);
          case UCS2 -> ucs2(body);
          default ->
              throw new IllegalArgumentException(
                  "data_coding 0x%02X is not read".formatted(dataCoding & 0xFF));
        };
    return new DecodedPart(text, concatenation);
  }

  private static String septets(byte[] body) {
    StringBuilder text = new StringBuilder(body.length);
    for (int i = 0; i < body.length; i++) {
      int septet = body[i] & 0xFF;
      if (septet > 0x7F) {
        text.append(REPLACEMENT);
      } else if (septet == GsmAlphabet.ESCAPE && i + 1 < body.length && body[i + 1] >= 0) {
        text.append(GsmAlphabet.extensionCharacter(body[++i]));
      } else {
        text.append(GsmAlphabet.character(septet));
      }
    }
    return text.toString();
  }

  private static String ascii(byte[] body) {
    StringBuilder text = new StringBuilder(body.length);
    for (byte b : body) {
      text.append(b >= 0 ? (char) b : REPLACEMENT);
    }
    return text.toString();
  }

  /** An odd last octet (half a unit) reads as U+FFFD. */
  private static String ucs2(byte[] body) {
    String text = new String(body, 0, body.length & ~1, StandardCharsets.UTF_16BE);
    return body.length % 2 == 0 ? text : text + REPLACEMENT;
  }
}
