package io.herald.channel.sms;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the web links in a plain text, as a reader's phone would: from {@code http://} or {@code
 * https://} (any case) up to white space, minus the punctuation that ends the sentence around it
 * ({@code "Sale at https://shop.ua/sale."} links {@code https://shop.ua/sale}). A closing
 * parenthesis stays when the link opened one, as in a Wikipedia address.
 */
final class TextLinks {
  private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]+");
  private static final String TRAILING = ".,;:!?'\"»”’…)]}";

  private TextLinks() {}

  /** {@code text} with every link replaced by what {@code replacement} makes of it. */
  static String replace(String text, UnaryOperator<String> replacement) {
    Matcher m = LINK.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (m.find()) {
      int end = linkEnd(text, m.start(), m.end());
      if (end <= text.indexOf("://", m.start()) + 3) {
        continue; // a scheme with nothing after it is not a link
      }
      out.append(text, copied, m.start()).append(replacement.apply(text.substring(m.start(), end)));
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static int linkEnd(String text, int start, int end) {
    while (end > start && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
      char last = text.charAt(end - 1);
      if (last == ')' && count(text, start, end, '(') >= count(text, start, end, ')')) {
        break;
      }
      end--;
    }
    return end;
  }

  private static int count(String text, int start, int end, char c) {
    int n = 0;
    for (int i = start; i < end; i++) {
      n += text.charAt(i) == c ? 1 : 0;
    }
    return n;
  }
}
