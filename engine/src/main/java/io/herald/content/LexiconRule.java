package io.herald.content;

import java.util.List;
import java.util.Optional;

/**
 * One line of the lexicon: a phrase of words (each exact, or a stem when written with a trailing
 * {@code *}, so that inflected forms match), or a piece of a domain name ({@code @piece}), and how
 * much a match adds to its category's score (negative for words that speak against it).
 */
record LexiconRule(ContentCategory category, double weight, String source, Form form) {
  /** What a rule looks for. */
  sealed interface Form {}

  /** Consecutive words (at most one other word between two of them). */
  record Phrase(List<Word> words) implements Form {}

  /** A piece of a link's or the sender's domain name. */
  record DomainPiece(String piece) implements Form {}

  /** One word of a phrase, folded like text. */
  record Word(String stem, boolean prefix) {
    boolean matches(String word) {
      return prefix ? word.startsWith(stem) : word.equals(stem);
    }
  }

  // Words between two words of a phrase ("без рецепта" also matches "без жодного рецепта").
  private static final int GAP = 1;

  /** Where the phrase occurs in {@code tokens}: the words as written, or empty. */
  Optional<String> find(List<TextFolding.Token> tokens) {
    if (!(form instanceof Phrase(List<Word> words))) {
      return Optional.empty();
    }
    for (int start = 0; start < tokens.size(); start++) {
      TextFolding.Token first = tokens.get(start);
      if (first.joined()) {
        if (joinedContains(first.word(), words)) {
          return Optional.of(first.raw());
        }
        continue;
      }
      if (!words.getFirst().matches(first.word())) {
        continue;
      }
      int end = follow(tokens, start, words);
      if (end >= 0) {
        StringBuilder raw = new StringBuilder();
        for (int i = start; i <= end; i++) {
          raw.append(i == start ? "" : " ").append(tokens.get(i).raw());
        }
        return Optional.of(raw.toString());
      }
    }
    return Optional.empty();
  }

  /** The index of the phrase's last word when the phrase starts at {@code start}, else -1. */
  private static int follow(List<TextFolding.Token> tokens, int start, List<Word> words) {
    int at = start;
    for (int w = 1; w < words.size(); w++) {
      int found = -1;
      for (int i = at + 1; i <= Math.min(tokens.size() - 1, at + 1 + GAP); i++) {
        if (words.get(w).matches(tokens.get(i).word())) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        return -1;
      }
      at = found;
    }
    return at;
  }

  /**
   * A word joined from spaced letters may hold several words ("makemoneyfast"): it matches a phrase
   * whose words, run together, occur in it — only for four letters or more, so that a few spaced
   * letters do not match short stems by chance.
   */
  private static boolean joinedContains(String joined, List<Word> words) {
    StringBuilder run = new StringBuilder();
    words.forEach(w -> run.append(w.stem()));
    return run.length() >= 4 && joined.contains(run);
  }
}
