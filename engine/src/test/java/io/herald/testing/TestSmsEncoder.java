package io.herald.testing;

import io.herald.channel.sms.EncodedSms;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A small, honest SMS encoder for tests (the real one is the SMS channel's): GSM 03.38 7-bit, one
 * septet per octet, when every character is in the default alphabet or its extension table (an
 * extension character is ESC plus its code, two units), else UCS-2 (UTF-16BE, two units for a
 * character outside the BMP). A text over one part (160 / 70 units) is cut into parts of 153 / 67
 * units, each with a 6-byte concatenation UDH, never inside an escape or surrogate pair.
 */
public final class TestSmsEncoder implements Function<String, EncodedSms> {
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "\f^{}\\[~]|€";
  private static final byte[] EXTENSION_CODES = {
    0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65
  };
  private static final byte ESC = 0x1B;

  @Override
  public EncodedSms apply(String text) {
    List<byte[]> gsm = gsm7(text);
    EncodedSms.Alphabet alphabet =
        gsm == null ? EncodedSms.Alphabet.UCS2 : EncodedSms.Alphabet.GSM7;
    List<byte[]> units = gsm == null ? ucs2(text) : gsm;
    int unitSize = alphabet == EncodedSms.Alphabet.GSM7 ? 1 : 2;
    int total = units.stream().mapToInt(u -> u.length / unitSize).sum();
    return new EncodedSms(alphabet, total, parts(units, alphabet, total));
  }

  /** One byte array per character (one or two septets), or null when one is not in GSM-7. */
  private static List<byte[]> gsm7(String text) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int basic = c == ESC ? -1 : BASIC.indexOf(c);
      int extension = EXTENSION.indexOf(c);
      if (basic >= 0) {
        out.add(new byte[] {(byte) basic});
      } else if (extension >= 0) {
        out.add(new byte[] {ESC, EXTENSION_CODES[extension]});
      } else {
        return null;
      }
    }
    return out;
  }

  /** One byte array per code point: two bytes, or four for a surrogate pair. */
  private static List<byte[]> ucs2(String text) {
    List<byte[]> out = new ArrayList<>();
    text.codePoints()
        .forEach(
            cp ->
                out.add(
                    new String(Character.toChars(cp))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_16BE)));
    return out;
  }

  private static List<EncodedSms.Part> parts(
      List<byte[]> units, EncodedSms.Alphabet alphabet, int total) {
    int unitSize = alphabet == EncodedSms.Alphabet.GSM7 ? 1 : 2;
    if (total <= alphabet.single()) {
      return List.of(new EncodedSms.Part(concat(units, 0, units.size(), null), false));
    }
    List<int[]> ranges = new ArrayList<>();
    int start = 0;
    int used = 0;
    for (int i = 0; i < units.size(); i++) {
      int size = units.get(i).length / unitSize;
      if (used + size > alphabet.perPart()) {
        ranges.add(new int[] {start, i});
        start = i;
        used = 0;
      }
      used += size;
    }
    ranges.add(new int[] {start, units.size()});
    List<EncodedSms.Part> parts = new ArrayList<>();
    for (int p = 0; p < ranges.size(); p++) {
      byte[] udh = {0x05, 0x00, 0x03, 0x2A, (byte) ranges.size(), (byte) (p + 1)};
      parts.add(new EncodedSms.Part(concat(units, ranges.get(p)[0], ranges.get(p)[1], udh), true));
    }
    return parts;
  }

  private static byte[] concat(List<byte[]> units, int from, int to, byte[] udh) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (udh != null) {
      out.writeBytes(udh);
    }
    units.subList(from, to).forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** The text of a one-part GSM-7 body, for assertions. */
  public static String decodeGsm7(byte[] septets) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < septets.length; i++) {
      if (septets[i] == ESC) {
        byte code = septets[++i];
        for (int e = 0; e < EXTENSION_CODES.length; e++) {
          if (EXTENSION_CODES[e] == code) {
            out.append(EXTENSION.charAt(e));
          }
        }
      } else {
        out.append(BASIC.charAt(septets[i]));
      }
    }
    return out.toString();
  }
}
