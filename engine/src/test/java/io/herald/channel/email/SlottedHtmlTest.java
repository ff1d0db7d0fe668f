package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.samskivert.mustache.Mustache;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The once-per-campaign page gives exactly what finishing each rendered message gives. */
class SlottedHtmlTest {
  private static final Mustache.Compiler HTML =
      Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true);
  private static final Mustache.Compiler PLAIN = HTML.escapeHTML(false);
  private static final UnaryOperator<String> CLICK =
      url -> HtmlBody.isWeb(url) ? "https://t.example.com/t/c/" + url.length() + "?x=1&y=2" : url;

  private static String perMessage(String source, Map<String, String> variables) {
    return HtmlBody.finish(
        HTML.compile(source).execute(variables),
        url -> "https://t.example.com/t/c/" + url.length() + "?x=1&y=2",
        "You subscribed & agreed",
        "https://t.example.com/u/tok",
        "https://t.example.com/t/o/tok.gif");
  }

  private static String slotted(String source, Map<String, String> variables) {
    return SlottedHtml.prepare(source, HTML, PLAIN)
        .orElseThrow()
        .render(
            variables,
            CLICK,
            "You subscribed & agreed",
            "https://t.example.com/u/tok",
            "https://t.example.com/t/o/tok.gif");
  }

  @Test
  void bothWaysGiveTheSamePageForTypicalTemplates() {
    Map<String, String> ann =
        Map.of("name", "Ann <b>&</b> \"Lee\"", "vip", "yes", "url", "https://x.example/?a=1&b=2");
    for (String source :
        List.of(
            "<p>Hi {{name}}</p><a href=\"https://x.example/a?u={{name}}\">A</a>",
            "<html><body style=\"font-family:Georgia\"><h1>{{name}}</h1>"
                + "{{#vip}}<p>VIP <a href=\"{{url}}\">offer</a></p>{{/vip}}"
                + "<a href=\"mailto:help@x.example\">mail</a><a href=\"#top\">top</a></body></html>",
            "<div style=\"display:none\">{{unsubscribe_url}}<p>Hidden, never closed",
            "no markup at all, {{name}}")) {
      // The same document: byte differences are only in how equal text is escaped ("Lee" vs
      // &quot;Lee&quot;), which parsing both again evens out.
      assertThat(normal(slotted(source, ann)))
          .as(source)
          .isEqualTo(normal(perMessage(source, ann)));
    }
  }

  @Test
  void aTemplateWhoseTagsParsingWouldAlterFallsBackToPerMessageWork() {
    // jsoup writes the "<" of this comment back as "&lt;": the tag would change, so no slots.
    assertThat(SlottedHtml.prepare("<p>{{! a < b }}Hi {{name}}</p>", HTML, PLAIN)).isEmpty();
    assertThat(
            SlottedHtml.prepare(
                "<table>{{#rows}}<tr><td>{{name}}</td></tr>{{/rows}}</table>", HTML, PLAIN))
        .isPresent();
  }

  private static String normal(String html) {
    var document = org.jsoup.Jsoup.parse(html);
    document.outputSettings().prettyPrint(false);
    return document.outerHtml();
  }
}
