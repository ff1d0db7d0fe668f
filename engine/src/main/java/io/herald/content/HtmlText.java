package io.herald.content;

import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML reduced to the text a reader sees, and the domains its links and images point at. Not a
 * parser: a campaign's HTML is the account's own markup and the classifier needs its words, not its
 * structure, so tags become spaces, scripts, styles and comments vanish and entities decode.
 */
final class HtmlText {
  private static final Pattern INVISIBLE =
      Pattern.compile(
          "<!--.*?-->|<(script|style|head)\\b[^>]*>.*?</\\1\\s*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  // Any http(s) URL or www. host, in attributes or in the text; the host is group 1.
  private static final Pattern URL =
      Pattern.compile(
          "(?:https?://|(?<![\\p{L}\\p{N}.@])www\\.)([\\p{L}\\p{N}.-]+)", Pattern.CASE_INSENSITIVE);

  private HtmlText() {}

  /** The visible text of {@code html} (plain text passes through unchanged but for entities). */
  static String text(String html) {
    String visible = INVISIBLE.matcher(html).replaceAll(" ");
    return entities(TAG.matcher(visible).replaceAll(" "));
  }

  /** The lower-case, Unicode host names of every URL in {@code html}, in order of appearance. */
  static Set<String> linkDomains(String html) {
    Set<String> domains = new LinkedHashSet<>();
    Matcher m = URL.matcher(entities(html));
    while (m.find()) {
      domain(m.group(1)).ifPresent(domains::add);
    }
    return domains;
  }

  /** The domain of an address or host, lower-cased and in Unicode (IDN decoded). */
  static Optional<String> domain(String hostOrAddress) {
    String host = hostOrAddress.substring(hostOrAddress.lastIndexOf('@') + 1);
    host = host.replaceAll("[>\\s]+$", "").replaceAll("^\\.+|\\.+$", "");
    if (host.isEmpty() || !host.contains(".")) {
      return Optional.empty();
    }
    try {
      return Optional.of(IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.of(host.toLowerCase(Locale.ROOT));
    }
  }

  private static String entities(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String entity(String name) {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return codePoint(Integer.parseInt(name.substring(2), 16));
    }
    if (name.startsWith("#")) {
      return codePoint(Integer.parseInt(name.substring(1)));
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "shy", "zwnj", "zwj" -> "";
      default -> " ";
    };
  }

  private static String codePoint(int cp) {
    return Character.isValidCodePoint(cp) ? Character.toString(cp) : " ";
  }
}
