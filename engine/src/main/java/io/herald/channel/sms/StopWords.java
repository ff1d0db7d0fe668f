package io.herald.channel.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Tells an opt-out reply from any other (R3): the whole reply is one of STOP, СТОП, ВІДПИСАТИСЯ
 * (also its spelling ВІДПИСАТИСЬ), ОТПИСАТЬСЯ or UNSUBSCRIBE, in any case, with any spaces,
 * punctuation or symbols (emoji included) around it — "Stop.", "stop!!", " СТОП ". Anything more is
 * an ordinary reply ("don't stop", "stop it please"): a person who writes a sentence is answered by
 * the account, not unsubscribed by a keyword inside it. Letters that look alike in Latin and
 * Cyrillic (a Latin I in ВIДПИСАТИСЯ, a Latin C in CТОП, typed on a keyboard of the other layout)
 * count as the word's own script. Pure.
 */
public final class StopWords {
  private static final Set<String> WORDS =
      Set.of("stop", "стоп", "відписатися", "відписатись", "отписаться", "unsubscribe");

  // Pairs of letters that look the same: Latin, then Cyrillic.
  private static final String LATIN = "ABCEHIKMOPTXYaceiopxy";
  private static final String CYRILLIC = "АВСЕНІКМОРТХУасеіорху";

  private StopWords() {}

  /** True when {@code text} is an opt-out keyword and nothing else. */
  public static boolean isOptOut(String text) {
    String word = trimmed(Normalizer.normalize(text, Normalizer.Form.NFKC));
    return WORDS.contains(lower(word))
        || WORDS.contains(lower(swap(word, LATIN, CYRILLIC)))
        || WORDS.contains(lower(swap(word, CYRILLIC, LATIN)));
  }

  /** Without anything but letters and digits at either end. */
  private static String trimmed(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && !Character.isLetterOrDigit(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && !Character.isLetterOrDigit(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  private static String swap(String word, String from, String to) {
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      int at = from.indexOf(word.charAt(i));
      out.append(at < 0 ? word.charAt(i) : to.charAt(at));
    }
    return out.toString();
  }

  private static String lower(String word) {
    return word.toLowerCase(Locale.ROOT);
  }
}
