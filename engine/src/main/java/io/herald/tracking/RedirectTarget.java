package io.herald.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a click redirect may send a browser: an absolute http or https URL with a host, and nothing
 * else (no {@code javascript:}, {@code data:} or relative targets), whatever a token says.
 * Characters a URL may not carry as they are (spaces, non-ASCII, quotes, controls, a stray {@code
 * %}) are percent-encoded as UTF-8, as a browser does with a link's href, so the {@code Location}
 * header is plain ASCII and cannot be split.
 */
final class RedirectTarget {
  private static final String ALLOWED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=";

  private RedirectTarget() {}

  static Optional<URI> of(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(encode(url.strip()));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getHost().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * Brackets stay only in the authority (an IPv6 host) and only the first {@code #} starts the
   * fragment: java.net.URI refuses them elsewhere, where browsers send them along.
   */
  private static String encode(String url) {
    StringBuilder out = new StringBuilder(url.length() + 16);
    byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
    int scheme = url.indexOf("://");
    int authorityEnd = scheme < 0 ? 0 : authorityEnd(url, scheme + 3);
    boolean fragment = false;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      boolean keep =
          b < 0x80
              && ALLOWED.indexOf(b) >= 0
              && !((b == '[' || b == ']') && i >= authorityEnd)
              && !(b == '#' && fragment);
      fragment |= b == '#';
      if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
        out.append('%');
      } else if (keep && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >>> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /** The index after the authority; the URL is ASCII up to there or the bytes differ after it. */
  private static int authorityEnd(String url, int from) {
    int end = from;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0 && url.charAt(end) < 0x80) {
      end++;
    }
    return end;
  }

  private static boolean hex(byte b) {
    return Character.digit(b, 16) >= 0;
  }
}
