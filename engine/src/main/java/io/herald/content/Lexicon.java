package io.herald.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classifier's rules, read from {@code content/lexicon.txt} on the class path: a {@code
 * [category]} header, then lines of {@code weight phrase} or {@code weight @domain-piece}, and
 * optionally {@code threshold N} (default 1.0). A text file so that rules are reviewed as words,
 * not code; a malformed line stops start-up naming its line number.
 */
record Lexicon(List<LexiconRule> rules, Map<ContentCategory, Double> thresholds) {
  static final double DEFAULT_THRESHOLD = 1.0;
  private static final String RESOURCE = "/content/lexicon.txt";

  Lexicon {
    rules = List.copyOf(rules);
    thresholds = Map.copyOf(thresholds);
  }

  static Lexicon standard() {
    try (InputStream in = Lexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Lexicon parse(String text) {
    List<LexiconRule> rules = new ArrayList<>();
    Map<ContentCategory, Double> thresholds = new EnumMap<>(ContentCategory.class);
    ContentCategory category = null;
    int number = 0;
    try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String content = line.replaceFirst("#.*", "").strip();
        if (content.isEmpty()) {
          continue;
        }
        if (content.startsWith("[") && content.endsWith("]")) {
          String name = content.substring(1, content.length() - 1);
          category =
              ContentCategory.byWireName(name)
                  .orElseThrow(() -> new IllegalArgumentException("unknown category " + name));
          continue;
        }
        if (category == null) {
          throw new IllegalArgumentException("a rule before any [category]");
        }
        String[] parts = content.split("\\s+", 2);
        if (parts.length < 2) {
          throw new IllegalArgumentException("expected \"weight phrase\"");
        }
        if (parts[0].equals("threshold")) {
          thresholds.put(category, Double.parseDouble(parts[1]));
        } else {
          rules.add(rule(category, Double.parseDouble(parts[0]), parts[1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "content lexicon line " + number + ": " + e.getMessage(), e);
    }
    return new Lexicon(rules, thresholds);
  }

  private static LexiconRule rule(ContentCategory category, double weight, String pattern) {
    if (pattern.startsWith("@")) {
      String piece = pattern.substring(1).toLowerCase(Locale.ROOT);
      return new LexiconRule(category, weight, pattern, new LexiconRule.DomainPiece(piece));
    }
    List<LexiconRule.Word> words =
        Arrays.stream(pattern.split("[\\s-]+"))
            .map(
                w ->
                    w.endsWith("*")
                        ? new LexiconRule.Word(
                            TextFolding.foldPattern(w.substring(0, w.length() - 1)), true)
                        : new LexiconRule.Word(TextFolding.foldPattern(w), false))
            .toList();
    return new LexiconRule(category, weight, pattern, new LexiconRule.Phrase(words));
  }

  double threshold(ContentCategory category) {
    return thresholds.getOrDefault(category, DEFAULT_THRESHOLD);
  }
}
