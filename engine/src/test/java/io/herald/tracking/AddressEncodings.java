package io.herald.tracking;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a text would look like wherever a URL could carry it readably: as is, percent-encoded, and
 * in base64 (standard and URL alphabets), base32 and hex at every byte alignment. Each encoding is
 * cut to the characters that depend on the text alone, so a match anywhere in a longer encoded
 * string is found whatever bytes precede or follow it.
 */
public final class AddressEncodings {
  private AddressEncodings() {}

  /** The fragments, lower-cased (base32 and hex survive a change of case; compare likewise). */
  public static List<String> of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    out.add(text);
    out.add(URLEncoder.encode(text, StandardCharsets.UTF_8));
    out.add(HexFormat.of().formatHex(bytes));
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = shifted(bytes, shift);
      int skip = (shift * 8 + 5) / 6;
      for (Base64.Encoder encoder :
          List.of(Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding())) {
        out.add(core(encoder.withoutPadding().encodeToString(shifted), skip));
      }
    }
    for (int shift = 0; shift < 5; shift++) {
      out.add(core(Base32.encode(shifted(bytes, shift)), (shift * 8 + 4) / 5));
    }
    return out.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** The first fragment of {@code text} that {@code haystack} contains (ignoring case), or null. */
  public static String foundIn(String haystack, String text) {
    String lower = haystack.toLowerCase(Locale.ROOT);
    return of(text).stream().filter(lower::contains).findFirst().orElse(null);
  }

  private static byte[] shifted(byte[] bytes, int shift) {
    byte[] out = new byte[shift + bytes.length];
    System.arraycopy(bytes, 0, out, shift, bytes.length);
    return out;
  }

  /**
   * Without the leading characters that mix in the shift's bytes and the last, which may mix in
   * what follows.
   */
  private static String core(String encoded, int skip) {
    return encoded.substring(skip, encoded.length() - 1);
  }
}
