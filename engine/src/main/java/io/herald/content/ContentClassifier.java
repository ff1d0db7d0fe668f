package io.herald.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prohibited content (R7): scores a campaign's subject, body, link domains and sender against a
 * lexicon of phrases and domain pieces per category, in Ukrainian, Russian and English. Each rule
 * counts once, wherever it matched first; a category is flagged when its weights reach its
 * threshold. Explainable by construction: the verdict lists every rule that matched, what it
 * matched and where. Pure and thread-safe: the lexicon is read once.
 */
public final class ContentClassifier {
  private final Lexicon lexicon;

  /** The classifier with Herald's lexicon ({@code content/lexicon.txt}). */
  public ContentClassifier() {
    this(Lexicon.standard());
  }

  ContentClassifier(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  public ContentVerdict classify(ContentInput input) {
    Map<ContentMatch.Place, List<TextFolding.Token>> words =
        new EnumMap<>(ContentMatch.Place.class);
    words.put(ContentMatch.Place.SUBJECT, TextFolding.tokens(input.subject()));
    words.put(ContentMatch.Place.SENDER, TextFolding.tokens(senderText(input)));
    words.put(ContentMatch.Place.BODY, TextFolding.tokens(HtmlText.text(input.body())));
    Set<String> links = new LinkedHashSet<>(HtmlText.linkDomains(input.body()));
    input.links().forEach(l -> links.addAll(HtmlText.linkDomains(l)));
    Optional<String> sender = HtmlText.domain(input.fromAddress());

    Map<ContentCategory, List<ContentMatch>> found = new EnumMap<>(ContentCategory.class);
    for (LexiconRule rule : lexicon.rules()) {
      match(rule, words, links, sender)
          .ifPresent(m -> found.computeIfAbsent(rule.category(), c -> new ArrayList<>()).add(m));
    }
    List<CategoryVerdict> verdicts = new ArrayList<>();
    found.forEach(
        (category, matches) ->
            verdicts.add(
                new CategoryVerdict(
                    category,
                    matches.stream().mapToDouble(ContentMatch::weight).sum(),
                    lexicon.threshold(category),
                    matches)));
    verdicts.sort(
        Comparator.comparingDouble((CategoryVerdict v) -> v.score() / v.threshold()).reversed());
    return new ContentVerdict(verdicts);
  }

  /**
   * The display name and the address's local part: senders name themselves ("Аптека без рецепта").
   */
  private static String senderText(ContentInput input) {
    String address = input.fromAddress();
    int at = address.lastIndexOf('@');
    return input.fromName() + " " + (at > 0 ? address.substring(0, at) : address);
  }

  private static Optional<ContentMatch> match(
      LexiconRule rule,
      Map<ContentMatch.Place, List<TextFolding.Token>> words,
      Set<String> links,
      Optional<String> sender) {
    return switch (rule.form()) {
      case LexiconRule.Phrase p -> {
        for (Map.Entry<ContentMatch.Place, List<TextFolding.Token>> place : words.entrySet()) {
          Optional<String> hit = rule.find(place.getValue());
          if (hit.isPresent()) {
            yield Optional.of(
                new ContentMatch(rule.source(), hit.get(), place.getKey(), rule.weight()));
          }
        }
        yield Optional.empty();
      }
      case LexiconRule.DomainPiece(String piece) -> {
        Optional<String> link = links.stream().filter(d -> d.contains(piece)).findFirst();
        if (link.isPresent()) {
          yield Optional.of(
              new ContentMatch(rule.source(), link.get(), ContentMatch.Place.LINK, rule.weight()));
        }
        yield sender
            .filter(d -> d.contains(piece))
            .map(d -> new ContentMatch(rule.source(), d, ContentMatch.Place.SENDER, rule.weight()));
      }
    };
  }
}
