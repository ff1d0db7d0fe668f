package io.herald.channel.email;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Derives the text/plain alternative from a rendered HTML body when the template has no text part:
 * paragraphs and headings separated by blank lines, line breaks kept, list items as {@code - },
 * links as {@code text (url)}, and nothing from scripts, styles or hidden preheaders. Links keep
 * their original URLs: a text part is read, not clicked through a tracker.
 */
final class HtmlToText {
  private static final Set<String> PARAGRAPHS =
      Set.of(
          "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr");
  private static final Set<String> LINES =
      Set.of(
          "div", "tr", "li", "section", "article", "header", "footer", "center", "dd", "dt",
          "address");
  private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "template");

  private HtmlToText() {}

  static String convert(String html) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.filter(new Writer(out), Jsoup.parse(html).body());
    return tidy(out);
  }

  private record Writer(StringBuilder out) implements NodeFilter {
    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        appendText(text);
      } else if (node instanceof Element element) {
        if (SKIPPED.contains(element.normalName()) || hidden(element)) {
          return FilterResult.SKIP_ENTIRELY;
        }
        String name = element.normalName();
        if (name.equals("br")) {
          out.append('\n');
        } else if (PARAGRAPHS.contains(name)) {
          endLine(2);
        } else if (LINES.contains(name)) {
          endLine(1);
        }
        if (name.equals("li")) {
          out.append("- ");
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (name.equals("a")) {
          appendLinkTarget(element);
        } else if (PARAGRAPHS.contains(name)) {
          endLine(2);
        } else if (LINES.contains(name)) {
          endLine(1);
        } else if (name.equals("td") || name.equals("th")) {
          out.append(' ');
        }
      }
      return FilterResult.CONTINUE;
    }

    /** Ends the current line with at least {@code count} line breaks (none at the very start). */
    private void endLine(int count) {
      int present = 0;
      while (present < out.length() && out.charAt(out.length() - 1 - present) == '\n') {
        present++;
      }
      if (!out.isEmpty()) {
        out.append("\n".repeat(Math.max(0, count - present)));
      }
    }

    private void appendText(TextNode text) {
      boolean pre = text.parent() instanceof Element parent && parent.normalName().equals("pre");
      String value = pre ? text.getWholeText() : text.text().replaceAll("\\s+", " ");
      boolean lineStart = out.isEmpty() || out.charAt(out.length() - 1) == '\n';
      if (lineStart && !pre) {
        value = value.stripLeading();
      }
      out.append(value);
    }

    private void appendLinkTarget(Element link) {
      String href = link.attr("href").strip();
      String lower = href.toLowerCase(Locale.ROOT);
      boolean shown = HtmlBody.isWeb(href) || lower.startsWith("mailto:");
      String label = link.text().strip();
      if (shown && !label.equals(href) && !label.equals(href.replaceFirst("(?i)^mailto:", ""))) {
        out.append(label.isEmpty() ? href : " (" + href + ")");
      }
    }

    private static boolean hidden(Element element) {
      String style = element.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
      return style.contains("display:none") || element.hasAttr("hidden");
    }
  }

  private static String tidy(StringBuilder raw) {
    String text = raw.toString().replaceAll("[ \\t\\x0B\\f\\r]+\n", "\n");
    text = text.replaceAll("\n[ \\t]+", "\n").replaceAll("\n{3,}", "\n\n");
    return text.strip();
  }
}
