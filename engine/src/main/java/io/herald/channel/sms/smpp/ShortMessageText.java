package io.herald.channel.sms.smpp;

import io.herald.channel.sms.GsmAlphabet;
import io.herald.channel.sms.SmsDecoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a {@code short_message} as SMPP carries it back into text, by its {@code data_coding}: GSM
 * 03.38 7-bit (one septet per octet, with the extension table behind the escape 0x1B), UCS-2
 * (UTF-16 big-endian, so surrogate pairs survive), Latin-1 or IA5/ASCII; a user data header (UDHI
 * set in {@code esm_class}) is skipped first. Used for replies from phones (MO) and by the SMSC
 * simulator to record what it was sent.
 */
public final class ShortMessageText {
  private ShortMessageText() {}

  /**
   * The text of a {@code short_message} (read by {@link SmsDecoding}, the composer's own decoder).
   *
   * @param dataCoding the PDU's {@code data_coding}; a coding Herald does not read is read as
   *     Latin-1, which keeps every byte visible rather than failing on a reply
   * @param shortMessage the octets
   * @param udhi whether they start with a user data header (UDHL, then that many octets)
   */
  public static String decode(byte dataCoding, byte[] shortMessage, boolean udhi) {
    try {
      return SmsDecoding.part(dataCoding, shortMessage, udhi).text();
    } catch (IllegalArgumentException e) {
      byte[] body = udhi ? withoutUdh(shortMessage) : shortMessage;
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  /** The user data without its header; a header longer than the data leaves nothing. */
  static byte[] withoutUdh(byte[] shortMessage) {
    if (shortMessage.length == 0) {
      return shortMessage;
    }
    int start = 1 + (shortMessage[0] & 0xFF);
    return start >= shortMessage.length
        ? new byte[0]
        : Arrays.copyOfRange(shortMessage, start, shortMessage.length);
  }

  /**
   * GSM 03.38 text as septets, one per octet ({@link GsmAlphabet}: the default alphabet, and the
   * extension table as escape + code); {@code null} when some character has no GSM-7 form.
   */
  public static byte[] gsm7Septets(String text) {
    if (!GsmAlphabet.containsAll(text)) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GsmAlphabet.isExtension(c)) {
        out.write(GsmAlphabet.ESCAPE);
      }
      out.write(GsmAlphabet.septet(c));
    }
    return out.toByteArray();
  }
}
