package io.herald.channel.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The HTML work of {@link HtmlBody}, done once per campaign instead of once per message: the
 * template source is parsed once, every link's href becomes a slot, and the footer and pixel are
 * appended with slots for their URLs and text. Per recipient only Mustache runs: the hrefs are
 * rendered, rewritten to click-tracking URLs and put into their slots. Contact values are
 * HTML-escaped, so they cannot change the document's structure; what could — the template's own
 * tags — is checked: when parsing moved or altered any Mustache tag (jsoup relocates text it finds
 * inside a table, for one), the campaign falls back to finishing each rendered message.
 */
final class SlottedHtml {
  private static final String PREFIX = "__herald_";
  private static final Pattern TAG = Pattern.compile("\\{\\{\\{?.*?\\}\\}\\}?", Pattern.DOTALL);
  private static final Pattern HREF_SLOT =
      Pattern.compile("\\{\\{\\{" + PREFIX + "href_(\\d+)\\}\\}\\}");

  private final Template page;
  private final List<Template> hrefs;

  private SlottedHtml(Template page, List<Template> hrefs) {
    this.page = page;
    this.hrefs = hrefs;
  }

  /** The slotted page, or empty when the template's tags do not survive parsing intact. */
  static Optional<SlottedHtml> prepare(
      String source, Mustache.Compiler html, Mustache.Compiler plain) {
    Document document = Jsoup.parse(source);
    document.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
    List<String> hrefSources = new ArrayList<>();
    for (Element link : document.select("a[href]")) {
      hrefSources.add(link.attr("href"));
      link.attr("href", "{{{" + PREFIX + "href_" + (hrefSources.size() - 1) + "}}}");
    }
    Element body = document.body();
    HtmlBody.appendFooter(body, "{{" + PREFIX + "consent}}", "{{{" + PREFIX + "unsubscribe}}}");
    HtmlBody.appendPixel(body, "{{{" + PREFIX + "pixel}}}");
    String slotted = document.outerHtml();
    if (!tags(withHrefsBack(slotted, hrefSources)).equals(tags(source))) {
      return Optional.empty();
    }
    try {
      List<Template> hrefs = new ArrayList<>();
      for (String href : hrefSources) {
        hrefs.add(plain.compile(href));
      }
      return Optional.of(new SlottedHtml(html.compile(slotted), List.copyOf(hrefs)));
    } catch (MustacheException e) {
      return Optional.empty();
    }
  }

  /**
   * The finished page for one recipient.
   *
   * @param link what a rendered href becomes (a click-tracking URL for web links)
   */
  String render(
      Map<String, String> variables,
      UnaryOperator<String> link,
      String consent,
      String unsubscribeUrl,
      String pixelUrl) {
    Map<String, String> all = new HashMap<>(variables);
    for (int i = 0; i < hrefs.size(); i++) {
      all.put(PREFIX + "href_" + i, attribute(link.apply(hrefs.get(i).execute(variables).strip())));
    }
    all.put(PREFIX + "consent", consent);
    all.put(PREFIX + "unsubscribe", attribute(unsubscribeUrl));
    all.put(PREFIX + "pixel", attribute(pixelUrl));
    return page.execute(all);
  }

  private static String withHrefsBack(String slotted, List<String> hrefSources) {
    Matcher m = HREF_SLOT.matcher(slotted);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(hrefSources.get(Integer.parseInt(m.group(1)))));
    }
    return m.appendTail(out).toString();
  }

  /** The template's own Mustache tags, in order (Herald's slots left out). */
  private static List<String> tags(String text) {
    List<String> tags = new ArrayList<>();
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      if (!m.group().contains(PREFIX)) {
        tags.add(m.group());
      }
    }
    return tags;
  }

  /** A value for a double-quoted attribute, as jsoup would write it. */
  private static String attribute(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
