package io.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser harness's checks can fail: axe-core, run offline inside the page, refuses a page with
 * a critical violation (an image without a text alternative, a field without a label), and a page
 * wider than a phone fails the width check. Pages are {@code data:} URLs, so no server is needed.
 */
class BrowserTest {
  static Browser browser;

  @BeforeAll
  static void start() {
    browser = Browser.start("en");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  private static URI page(String body) {
    String html =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
            + " content=\"width=device-width,initial-scale=1\"><title>Test</title></head><body>"
            + "<main><h1>Test</h1>"
            + body
            + "</main></body></html>";
    return URI.create(
        "data:text/html;charset=utf-8,"
            + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  @Test
  void aCleanPagePasses() {
    browser.open(page("<p>Hello</p><form><label for=\"f\">Name</label><input id=\"f\"></form>"));
    assertThat(browser.assertAccessible()).isEmpty();
  }

  @Test
  void seriousOrCriticalViolationsFail() {
    browser.open(page("<img src=\"x.png\"><form><input name=\"unlabelled\"></form>"));
    assertThatThrownBy(browser::assertAccessible)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("image-alt")
        .hasMessageContaining("label");
  }

  @Test
  void aPageWiderThanAPhoneFails() {
    browser.open(page("<div style=\"width:600px\">wide</div>"));
    browser.width(Browser.Width.PHONE);
    assertThat(browser.overflowX()).isPositive();
    browser.width(Browser.Width.DESKTOP);
    assertThatThrownBy(() -> browser.screenshots("browser-test-too-wide"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("wider than a 390 px screen");
  }
}
