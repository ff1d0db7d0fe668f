package io.herald.content;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The classifier's answer for one campaign: a verdict per category that matched anything (flagged
 * or not, so an administrator sees near misses too), strongest first. A campaign is flagged when
 * any category reaches its threshold.
 */
public record ContentVerdict(List<CategoryVerdict> categories) {
  public ContentVerdict {
    categories = List.copyOf(categories);
  }

  public boolean flagged() {
    return categories.stream().anyMatch(CategoryVerdict::flagged);
  }

  public List<ContentCategory> flaggedCategories() {
    return categories.stream()
        .filter(CategoryVerdict::flagged)
        .map(CategoryVerdict::category)
        .toList();
  }

  /**
   * The explanation shown to administrators, one line per category: e.g. {@code medicines
   * (medicines, intimate goods, prescription drugs or fakes) 2.0 ≥ 1.0: "без рецепта" in subject
   * +1.0, "віагра" in body +1.0}.
   */
  public String report() {
    if (categories.isEmpty()) {
      return "no prohibited content found";
    }
    return categories.stream().map(ContentVerdict::line).collect(Collectors.joining("\n"));
  }

  private static String line(CategoryVerdict v) {
    String matches =
        v.matches().stream()
            .map(
                m ->
                    "\""
                        + m.found()
                        + "\" in "
                        + m.place().wireName()
                        + " ("
                        + m.rule()
                        + ") "
                        + String.format(Locale.ROOT, "%+.1f", m.weight()))
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "%s (%s) %.1f %s %.1f%s: %s",
        v.category().wireName(),
        v.category().description(),
        v.score(),
        v.flagged() ? "≥" : "<",
        v.threshold(),
        v.flagged() ? " flagged" : "",
        matches);
  }
}
