package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The derived text part reads like the HTML: paragraphs, breaks, lists and visible links. */
class HtmlToTextTest {
  @Test
  void paragraphsBreaksListsAndLinksStayReadable() {
    String html =
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
            + "<div style=\"display: none\">preheader</div>"
            + "<h1>Spring   sale</h1><p>Dear Ann,<br>all\n  flowers</p>"
            + "<ul><li>Roses</li><li>Tulips</li></ul>"
            + "<p>See <a href=\"https://shop.ua/s\">offers</a> or "
            + "<a href=\"https://shop.ua\">https://shop.ua</a> or "
            + "<a href=\"mailto:a@shop.ua\">a@shop.ua</a> or <a href=\"#x\">top</a>.</p>"
            + "<script>alert(1)</script></body></html>";
    assertThat(HtmlToText.convert(html))
        .isEqualTo(
            "Spring sale\n\nDear Ann,\nall flowers\n\n- Roses\n- Tulips\n\n"
                + "See offers (https://shop.ua/s) or https://shop.ua or a@shop.ua or top.");
  }

  @Test
  void plainTextWithoutMarkupComesThrough() {
    assertThat(HtmlToText.convert("Just a line")).isEqualTo("Just a line");
  }
}
