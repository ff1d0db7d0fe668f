package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A click redirect leads only to an absolute web URL, with a plain-ASCII Location. */
class RedirectTargetTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://shop.ua/sale?a=1&b=2#top|https://shop.ua/sale?a=1&b=2#top",
        "HTTP://Old.Example.com|HTTP://Old.Example.com",
        "https://x.ua/a b|https://x.ua/a%20b",
        "https://x.ua/?q=ї|https://x.ua/?q=%D1%97",
        "https://x.ua/?q=%D1%97|https://x.ua/?q=%D1%97",
        "https://x.ua/100%|https://x.ua/100%25",
        "https://x.ua/?a[]=1|https://x.ua/?a%5B%5D=1",
        "https://[::1]:8443/x|https://[::1]:8443/x",
        "https://x.ua/#a#b|https://x.ua/#a%23b",
        "https://x.ua/\"<>|https://x.ua/%22%3C%3E",
        "  https://x.ua/  |https://x.ua/"
      })
  void webUrlsAreKeptAndEncodedAsABrowserWould(String url, String location) {
    assertThat(RedirectTarget.of(url)).contains(URI.create(location));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:a@b.c",
        "ftp://x.ua/",
        "//evil.example/",
        "/relative",
        "https://",
        "https:///path",
        "http//x.ua"
      })
  void anythingButAnAbsoluteWebUrlIsRefused(String url) {
    assertThat(RedirectTarget.of(url)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void lineBreaksCannotSplitTheLocationHeader() {
    var target = RedirectTarget.of("https://x.ua/a\r\nSet-Cookie: x=1");
    assertThat(target).isPresent();
    assertThat(target.get().toASCIIString()).doesNotContain("\r").doesNotContain("\n");
    assertThat(RedirectTarget.of(null)).isEmpty();
  }
}
