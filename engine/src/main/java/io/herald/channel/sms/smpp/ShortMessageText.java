package io.herald.channel.sms.smpp;

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
  private static final int ESCAPE = 0x1B;

  // GSM 03.38 default alphabet, indexed by septet (0x1B, the escape, never reaches this table).
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  private ShortMessageText() {}

  /**
   * The text of a {@code short_message}.
   *
   * @param dataCoding the PDU's {@code data_coding}; unknown codings are read as Latin-1, which
   *     keeps every byte visible rather than failing
   * @param shortMessage the octets
   * @param udhi whether they start with a user data header (UDHL, then that many octets)
   */
  public static String decode(byte dataCoding, byte[] shortMessage, boolean udhi) {
    byte[] body = udhi ? withoutUdh(shortMessage) : shortMessage;
    return switch (dataCoding & 0xFF) {
      case 0x00 -> gsm7(body);
      case 0x08 -> new String(body, StandardCharsets.UTF_16BE);
      case 0x01 -> new String(body, StandardCharsets.US_ASCII);
      default -> new String(body, StandardCharsets.ISO_8859_1);
    };
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
   * GSM 03.38 text as septets, one per octet: characters of the default alphabet and of its
   * extension table (escape + code) only; {@code null} when some character has no GSM-7 form.
   */
  public static byte[] gsm7Septets(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
      int extended = extension(c);
      if (basic >= 0) {
        out.write(basic);
      } else if (extended >= 0) {
        out.write(ESCAPE);
        out.write(extended);
      } else {
        return null;
      }
    }
    return out.toByteArray();
  }

  private static String gsm7(byte[] septets) {
    StringBuilder text = new StringBuilder(septets.length);
    for (int i = 0; i < septets.length; i++) {
      int s = septets[i] & 0x7F;
      if (s == ESCAPE && i + 1 < septets.length) {
        int next = septets[++i] & 0x7F;
        char ext = extended(next);
        // An escape before a code the extension table lacks shows the basic character (03.38).
        text.append(ext != 0 ? ext : BASIC.charAt(next));
      } else if (s == ESCAPE) {
        text.append(' ');
      } else {
        text.append(BASIC.charAt(s));
      }
    }
    return text.toString();
  }

  private static char extended(int code) {
    return switch (code) {
      case 0x0A -> '\f';
      case 0x14 -> '^';
      case 0x28 -> '{';
      case 0x29 -> '}';
      case 0x2F -> '\\';
      case 0x3C -> '[';
      case 0x3D -> '~';
      case 0x3E -> ']';
      case 0x40 -> '|';
      case 0x65 -> '€';
      default -> 0;
    };
  }

  private static int extension(char c) {
    for (int code = 0; code < 0x80; code++) {
      if (extended(code) == c && c != 0) {
        return code;
      }
    }
    return -1;
  }
}
