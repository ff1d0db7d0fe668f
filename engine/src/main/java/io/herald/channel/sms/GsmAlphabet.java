package io.herald.channel.sms;

/**
 * The GSM 03.38 (3GPP TS 23.038) default 7-bit alphabet and its extension table, as values of one
 * septet. A character of the default alphabet is one septet; a character of the extension table
 * ({@code ^ { } \ [ ~ ] | €} and form feed) is the escape septet {@code 0x1B} followed by its own
 * value, so it costs two. Position {@code 0x09} is {@code Ç} (capital, as the standard's table
 * draws it); the small {@code ç} is not in the alphabet, so a text with it goes as UCS-2 rather
 * than arriving with a changed letter.
 */
public final class GsmAlphabet {
  /** The escape septet that introduces an extension-table character. */
  public static final int ESCAPE = 0x1B;

  /** Marks an extension-table character in {@link #code}. */
  private static final int EXTENDED = 0x100;

  /** The default alphabet by septet value; position 0x1B is the escape and maps no character. */
  private static final String DEFAULT =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
          + " !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
          + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table: septet values after the escape, and their characters. */
  private static final int[] EXTENSION_SEPTETS = {
    0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65
  };

  private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";

  /** Every character of either table by its UTF-16 value (€, U+20AC, is the highest). */
  private static final short[] CODES = codes();

  private GsmAlphabet() {}

  private static short[] codes() {
    short[] codes = new short['€' + 1];
    java.util.Arrays.fill(codes, (short) -1);
    for (int septet = 0; septet < DEFAULT.length(); septet++) {
      if (septet != ESCAPE) {
        codes[DEFAULT.charAt(septet)] = (short) septet;
      }
    }
    for (int i = 0; i < EXTENSION_CHARS.length(); i++) {
      codes[EXTENSION_CHARS.charAt(i)] = (short) (EXTENDED | EXTENSION_SEPTETS[i]);
    }
    return codes;
  }

  private static int code(char c) {
    return c < CODES.length ? CODES[c] : -1;
  }

  /** True when {@code c} is in the default alphabet or the extension table. */
  public static boolean contains(char c) {
    return code(c) >= 0;
  }

  /** True when every character of {@code text} is in the default alphabet or the extension. */
  public static boolean containsAll(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (code(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code c} is an extension-table character (two septets). */
  public static boolean isExtension(char c) {
    return code(c) >= EXTENDED;
  }

  /** Septets {@code c} costs: 1, 2 for an extension character, or -1 when it is not in GSM-7. */
  public static int units(char c) {
    int code = code(c);
    return code < 0 ? -1 : code >= EXTENDED ? 2 : 1;
  }

  /**
   * The septet value of {@code c}: in the default alphabet, or, for an extension character, the
   * value that follows the escape.
   *
   * @throws IllegalArgumentException when {@code c} is in neither table
   */
  public static int septet(char c) {
    int code = code(c);
    if (code < 0) {
      throw new IllegalArgumentException(
          "not in the GSM 03.38 alphabet: U+%04X".formatted((int) c));
    }
    return code & 0x7F;
  }

  /**
   * The default alphabet's character for {@code septet} (0–127); the escape value {@code 0x1B}
   * alone reads as a space, as the standard asks of a receiver.
   */
  public static char character(int septet) {
    if (septet < 0 || septet > 0x7F) {
      throw new IllegalArgumentException("not a septet: " + septet);
    }
    return septet == ESCAPE ? ' ' : DEFAULT.charAt(septet);
  }

  /**
   * The character that {@code septet} stands for after an escape. A value the extension table does
   * not define reads as the default alphabet's character, and a second escape as a space (both as
   * TS 23.038 asks of a receiver).
   */
  public static char extensionCharacter(int septet) {
    for (int i = 0; i < EXTENSION_SEPTETS.length; i++) {
      if (EXTENSION_SEPTETS[i] == septet) {
        return EXTENSION_CHARS.charAt(i);
      }
    }
    return character(septet);
  }
}
