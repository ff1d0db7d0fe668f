package io.herald.channel.email;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finishes a rendered HTML body: links go through click tracking, and Herald's consent and
 * unsubscribe footer and the open pixel are appended as the last children of {@code <body>} (jsoup
 * creates one when the template has none). They are added after parsing, so nothing the template
 * leaves open (an unclosed hidden {@code div}, a comment, a {@code style}) can swallow them, and
 * inline {@code !important} styles keep common stylesheet tricks ({@code display:none}, zero
 * opacity or size) from hiding them. The footer sets no font family: it inherits the message's.
 */
final class HtmlBody {
  /** Declarations that a template's stylesheet cannot override (inline !important wins). */
  static final String VISIBLE =
      "display:block !important;visibility:visible !important;opacity:1 !important;"
          + "position:static !important;height:auto !important;max-height:none !important;"
          + "overflow:visible !important;font-size:13px !important;line-height:1.5 !important;"
          + "clip:auto !important;transform:none !important;";

  private HtmlBody() {}

  /**
   * @param clickUrl the tracking URL for a link's original http(s) URL, or the URL itself for a
   *     link that must stay as it is (Herald's own)
   */
  static String finish(
      String html,
      UnaryOperator<String> clickUrl,
      String consentStatement,
      String unsubscribeUrl,
      String pixelUrl) {
    Document document = Jsoup.parse(html);
    document.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
    for (Element link : document.select("a[href]")) {
      String href = link.attr("href").strip();
      if (isWeb(href)) {
        link.attr("href", clickUrl.apply(href));
      }
    }
    Element body = document.body();
    appendFooter(body, consentStatement, unsubscribeUrl);
    appendPixel(body, pixelUrl);
    return document.outerHtml();
  }

  static void appendPixel(Element body, String pixelUrl) {
    body.appendElement("img")
        .attr("src", pixelUrl)
        .attr("width", "1")
        .attr("height", "1")
        .attr("alt", "")
        .attr("style", "display:block;width:1px;height:1px;border:0;");
  }

  static boolean isWeb(String href) {
    String lower = href.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  static void appendFooter(Element body, String consent, String unsubscribeUrl) {
    Element footer =
        body.appendElement("div")
            .attr("class", "herald-footer")
            .attr("style", VISIBLE + "margin:24px 0 0 0 !important;padding:0 !important;");
    footer.appendElement("p").attr("style", VISIBLE + "margin:0 0 8px 0 !important;").text(consent);
    footer
        .appendElement("p")
        .attr("style", VISIBLE + "margin:0 !important;")
        .appendElement("a")
        .attr("href", unsubscribeUrl)
        .attr("style", "text-decoration:underline !important;" + VISIBLE.replace("block", "inline"))
        .text("Unsubscribe");
  }
}
