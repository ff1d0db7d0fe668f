package io.herald.content;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to the words the lexicon is matched against, undoing the light disguises spam uses: Latin
 * look-alikes inside Cyrillic words ("знaкoмства" with Latin a and o) and the reverse, digits and
 * {@code @} for letters inside words ("v1agra", "зн@йомства"), s p a c e d or d.o.t.t.e.d letters
 * (joined into one word), and invisible characters. Words are then folded so that Ukrainian and
 * Russian spellings of one stem meet (і ї й ы → и, є э ё → е, ґ → г, soft and hard signs and
 * apostrophes dropped); the lexicon is folded the same way, so its authors write ordinary words.
 */
final class TextFolding {
  /** A word as matched ({@code word}, folded) and as written ({@code raw}). */
  record Token(String word, String raw, boolean joined) {}

  // Three or more single letters, each pair separated by one space, dot, hyphen, underscore or
  // star.
  private static final Pattern SPACED =
      Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}(?:[ .\\-_*·]\\p{L}){2,}(?![\\p{L}\\p{N}])");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}@'’ʼ]+");

  private static final String LATIN_LOOKALIKES = "aeopcxyikmthbunr";
  private static final String CYRILLIC_FOR_LATIN = "аеорсхуікмтнвипг";
  private static final String CYRILLIC_LOOKALIKES = "аеорсхуікмтнв";
  private static final String LATIN_FOR_CYRILLIC = "aeopcxyikmthb";

  private TextFolding() {}

  static List<Token> tokens(String text) {
    String clean = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "");
    List<Token> tokens = new ArrayList<>();
    Matcher spaced = SPACED.matcher(clean);
    int from = 0;
    while (spaced.find()) {
      words(clean.substring(from, spaced.start()), tokens);
      String raw = spaced.group();
      String joined = raw.replaceAll("[ .\\-_*·]", "").toLowerCase(Locale.ROOT);
      tokens.add(new Token(fold(unmask(joined)), raw, true));
      from = spaced.end();
    }
    words(clean.substring(from), tokens);
    return tokens;
  }

  private static void words(String text, List<Token> into) {
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String raw = m.group().replaceAll("^['’ʼ@]+|['’ʼ@]+$", "");
      if (!raw.isEmpty()) {
        String word = fold(unmask(raw.toLowerCase(Locale.ROOT)));
        if (!word.isEmpty()) {
          into.add(new Token(word, raw, false));
        }
      }
    }
  }

  /** A lexicon entry's word, folded as text words are (it is written without disguises). */
  static String foldPattern(String word) {
    return fold(word.toLowerCase(Locale.ROOT));
  }

  /**
   * Puts a word in one script: the one most of its letters are in. Look-alike letters of the other
   * script, and digits or {@code @} between letters, become that script's letters.
   */
  static String unmask(String word) {
    int cyrillic = 0;
    int latin = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC) {
        cyrillic++;
      } else if (c >= 'a' && c <= 'z') {
        latin++;
      }
    }
    if (cyrillic == 0 && latin == 0) {
      return word;
    }
    boolean toCyrillic = cyrillic >= latin;
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean betweenLetters =
          i > 0
              && i < word.length() - 1
              && isLetter(word.charAt(i - 1))
              && isLetter(word.charAt(i + 1));
      if (toCyrillic) {
        int at = latin > 0 ? LATIN_LOOKALIKES.indexOf(c) : -1;
        out.append(at >= 0 ? CYRILLIC_FOR_LATIN.charAt(at) : masked(c, betweenLetters, "озаі", c));
      } else {
        int at = cyrillic > 0 ? CYRILLIC_LOOKALIKES.indexOf(c) : -1;
        out.append(at >= 0 ? LATIN_FOR_CYRILLIC.charAt(at) : masked(c, betweenLetters, "oeai", c));
      }
    }
    return out.toString();
  }

  private static boolean isLetter(char c) {
    return Character.isLetter(c) || c == '@' || c == '0' || c == '1' || c == '3';
  }

  /** 0, 3, @ and 1 between letters stand for o, e (з in Cyrillic), a and i. */
  private static char masked(char c, boolean betweenLetters, String letters, char otherwise) {
    if (!betweenLetters) {
      return otherwise;
    }
    return switch (c) {
      case '0' -> letters.charAt(0);
      case '3' -> letters.charAt(1);
      case '@' -> letters.charAt(2);
      case '1' -> letters.charAt(3);
      default -> otherwise;
    };
  }

  private static String fold(String word) {
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      switch (c) {
        case 'і', 'ї', 'й', 'ы' -> out.append('и');
        case 'є', 'э', 'ё' -> out.append('е');
        case 'ґ' -> out.append('г');
        case 'ь', 'ъ', '\'', '’', 'ʼ' -> {}
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
