package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.content.ContentCategory;
import io.herald.content.ContentClassifier;
import io.herald.content.ContentInput;
import io.herald.content.ContentVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Runs the prohibited-content classifier (R7) over the labelled set ({@code content/labelled.jsonl}
 * in the bench jar: one short campaign a line, labelled with a category of R7 or {@code clean}) and
 * prints, for the development part, the held-out part (every third line, not looked at while the
 * lexicon was tuned) and both, a Markdown table of recall and precision per category, the
 * flagged-but-clean rate, the misread campaigns, and one summary line.
 */
final class ContentCorpus {
  private static final String LABELLED = "/content/labelled.jsonl";
  private static final String FRESH = "/content/fresh.jsonl";
  private static final String FRESH2 = "/content/fresh2.jsonl";

  private ContentCorpus() {}

  /** One labelled campaign and what the classifier made of it. */
  private record Item(
      String file, int line, String lang, String label, String subject, ContentVerdict verdict) {
    boolean clean() {
      return label.equals("clean");
    }

    boolean fresh() {
      return file.equals(FRESH);
    }

    boolean fresh2() {
      return file.equals(FRESH2);
    }

    boolean heldOut() {
      return file.equals(LABELLED) && line % 3 == 0;
    }

    boolean dev() {
      return file.equals(LABELLED) && !heldOut();
    }

    boolean flaggedAs(ContentCategory category) {
      return verdict.flaggedCategories().contains(category);
    }
  }

  static void run() throws IOException {
    ContentClassifier classifier = new ContentClassifier();
    List<Item> items = new ArrayList<>();
    read(LABELLED, classifier, items);
    read(FRESH, classifier, items);
    read(FRESH2, classifier, items);
    System.out.println(section("Development part (tuned on)", items, Item::dev));
    System.out.println(
        section(
            "Held-out part (every third line of the first set, not tuned on)",
            items,
            Item::heldOut));
    System.out.println(
        section(
            "Written after the first lexicon to avoid its words (fresh.jsonl, then tuned on)",
            items,
            Item::fresh));
    System.out.println(
        section(
            "Written after the broadened lexicon (fresh2.jsonl, not tuned on)",
            items,
            Item::fresh2));
    System.out.println(section("All", items, item -> true));
    System.out.println(misses(items));
    System.out.println(
        "content "
            + summary("all", items, item -> true)
            + " "
            + summary("held_out", items, Item::heldOut)
            + " "
            + summary("fresh", items, Item::fresh)
            + " "
            + summary("fresh2", items, Item::fresh2));
  }

  private static void read(String resource, ContentClassifier classifier, List<Item> into)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = ContentCorpus.class.getResourceAsStream(resource)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        JsonNode row = json.readTree(lines[i]);
        String from = row.get("from").asText();
        int lt = from.lastIndexOf('<');
        ContentInput input =
            new ContentInput(
                row.get("subject").asText(),
                row.get("text").asText(),
                List.of(),
                lt >= 0 ? from.substring(0, lt).strip() : "",
                lt >= 0 ? from.substring(lt + 1).replace(">", "").strip() : from);
        into.add(
            new Item(
                resource,
                i + 1,
                row.get("lang").asText(),
                row.get("label").asText(),
                row.get("subject").asText(),
                classifier.classify(input)));
      }
    }
  }

  private static String section(String title, List<Item> all, Predicate<Item> part) {
    List<Item> items = all.stream().filter(part).toList();
    StringBuilder out = new StringBuilder("**" + title + "** — " + items.size() + " campaigns\n\n");
    out.append("| category | campaigns | flagged as it | recall | flagged any | precision |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (ContentCategory category : ContentCategory.values()) {
      List<Item> labelled =
          items.stream().filter(i -> i.label().equals(category.wireName())).toList();
      long hit = labelled.stream().filter(i -> i.flaggedAs(category)).count();
      long caught = labelled.stream().filter(i -> i.verdict().flagged()).count();
      long flaggedAs = items.stream().filter(i -> i.flaggedAs(category)).count();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %s | %d | %s |%n",
              category.wireName(),
              labelled.size(),
              hit,
              percent(hit, labelled.size()),
              caught,
              percent(hit, flaggedAs)));
    }
    List<Item> prohibited = items.stream().filter(i -> !i.clean()).toList();
    List<Item> clean = items.stream().filter(Item::clean).toList();
    long caught = prohibited.stream().filter(i -> i.verdict().flagged()).count();
    long wrong = clean.stream().filter(i -> i.verdict().flagged()).count();
    out.append(
        String.format(
            Locale.ROOT,
            "| **all prohibited** | %d | | | %d | |%n| **ordinary (clean)** | %d | | | %d | |%n%n",
            prohibited.size(),
            caught,
            clean.size(),
            wrong));
    out.append(
        String.format(
            Locale.ROOT,
            "Recall on prohibited (flagged under any category): **%s**; flagged-but-clean: **%s**.%n",
            percent(caught, prohibited.size()),
            percent(wrong, clean.size())));
    return out.toString();
  }

  private static String misses(List<Item> items) {
    StringBuilder out = new StringBuilder();
    List<Item> wrong =
        items.stream()
            .filter(
                i ->
                    i.clean()
                        ? i.verdict().flagged()
                        : !i.flaggedAs(ContentCategory.byWireName(i.label()).orElseThrow()))
            .toList();
    if (wrong.isEmpty()) {
      return "Every campaign read as labelled.\n";
    }
    out.append("Read otherwise than labelled (").append(wrong.size()).append("):\n");
    for (Item i : wrong) {
      out.append(
          String.format(
              Locale.ROOT,
              "- %s line %d (%s, %s%s) \"%s\": %s%n",
              i.file().substring(i.file().lastIndexOf('/') + 1),
              i.line(),
              i.label(),
              i.lang(),
              i.heldOut() ? ", held out" : "",
              i.subject(),
              i.verdict().flagged()
                  ? "flagged as "
                      + String.join(
                          ", ",
                          i.verdict().flaggedCategories().stream()
                              .map(ContentCategory::wireName)
                              .toList())
                  : "not flagged"
                      + i.verdict().categories().stream()
                          .findFirst()
                          .map(
                              v ->
                                  String.format(
                                      Locale.ROOT,
                                      " (best: %s %.1f)",
                                      v.category().wireName(),
                                      v.score()))
                          .orElse("")));
    }
    return out.toString();
  }

  private static String summary(String name, List<Item> all, Predicate<Item> part) {
    List<Item> items = all.stream().filter(part).toList();
    long prohibited = items.stream().filter(i -> !i.clean()).count();
    long caught = items.stream().filter(i -> !i.clean() && i.verdict().flagged()).count();
    long clean = items.stream().filter(Item::clean).count();
    long wrong = items.stream().filter(i -> i.clean() && i.verdict().flagged()).count();
    return String.format(
        Locale.ROOT,
        "%s_campaigns=%d %s_recall=%s %s_flagged_clean=%s",
        name,
        items.size(),
        name,
        percent(caught, prohibited),
        name,
        percent(wrong, clean));
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
