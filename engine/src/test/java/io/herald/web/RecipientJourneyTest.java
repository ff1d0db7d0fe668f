package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.AccountId;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.config.HeraldConfig;
import io.herald.testing.Await;
import io.herald.testing.Browser;
import io.herald.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A recipient's journey in a real browser (headless chromium, see {@link Browser}) against a real
 * node that sends a real campaign to GreenMail: the recipient opens the unsubscribe link of the
 * message they got, reads whose list it is, unsubscribes with the keyboard, comes back and is told
 * they are unsubscribed, and mistypes the link — in Ukrainian and in English. Every page is checked
 * by axe-core (no serious or critical violation) and fits a 390 px phone; screenshots at desktop
 * and phone width go to {@code engine/target/screenshots/} for a reviewer. The other recipients'
 * pages (SMS short links, the spam form, too many requests) are checked the same way.
 */
class RecipientJourneyTest {
  private static final Pattern UNSUBSCRIBE = Pattern.compile("/u/[A-Za-z0-9_~-]+");
  private static final Duration WAIT = Duration.ofSeconds(30);
  static final String COMPANY = "ТОВ «Квітка»";

  @RegisterExtension
  static GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path data;
  static TestNode node;
  static String key;

  /** What one language's journey reads on the way. */
  record Journey(
      String language,
      String acceptLanguage,
      String email,
      String consent,
      String question,
      String done,
      String again,
      String invalid) {}

  static Stream<Journey> journeys() {
    return Stream.of(
        new Journey(
            "uk",
            "uk-UA,uk",
            "olena@example.com",
            "Ви підписалися на новини Квітки на kvitka.example",
            "Відписатися",
            "Ви відписалися",
            "уже відписано",
            "Посилання недійсне"),
        new Journey(
            "en",
            "en-GB,en",
            "ann@example.com",
            "You subscribed to Kvitka's news on kvitka.example",
            "Unsubscribe",
            "You are unsubscribed",
            "is already unsubscribed",
            "This link is not valid"));
  }

  @BeforeAll
  static void start() throws Exception {
    Browser.requireChromium(); // before a node starts for nothing
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            Clock.systemUTC());
    key = node.createAccount(COMPANY);
    node.attestDomain(key, "kvitka.example");
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @ParameterizedTest
  @MethodSource("journeys")
  void aRecipientUnsubscribes(Journey j) throws Exception {
    String path = unsubscribeLinkReceivedBy(j);
    String name = "unsubscribe-" + j.language();
    try (Browser browser = Browser.start(j.acceptLanguage())) {
      browser.open(node.url(path));
      assertThat(browser.find("html").getAttribute("lang")).isEqualTo(j.language());
      assertThat(browser.find("h1").getText()).isEqualTo(j.question());
      assertThat(browser.find(".question").getText()).contains(j.email());
      assertThat(browser.find(".whose").getText()).contains(COMPANY);
      assertThat(browser.find(".consent").getText()).contains(j.consent());
      browser.assertAccessible();
      browser.screenshots(name + "-1-question");

      // With the keyboard alone: the button is the first thing Tab reaches, Enter presses it.
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
      WebElement focused = browser.driver().switchTo().activeElement();
      assertThat(focused.getTagName()).isEqualTo("button");
      focused.sendKeys(Keys.ENTER);
      new WebDriverWait(browser.driver(), WAIT)
          .until(ExpectedConditions.textToBe(By.cssSelector("h1"), j.done()));
      assertThat(browser.find(".answer").getText()).contains(j.email());
      assertThat(node.get("/api/suppressions", key).body()).contains(j.email());
      browser.assertAccessible();
      browser.screenshots(name + "-2-unsubscribed");

      browser.open(node.url(path));
      assertThat(browser.find("h1").getText()).isEqualTo(j.done());
      assertThat(browser.find(".answer").getText()).contains(j.again());
      assertThat(browser.findAll("form")).isEmpty();
      browser.assertAccessible();
      browser.screenshots(name + "-3-second-visit");

      browser.open(node.url(path.substring(0, path.length() - 3)));
      assertThat(browser.find("h1").getText()).isEqualTo(j.invalid());
      browser.assertAccessible();
      browser.screenshots(name + "-4-invalid-link");
    }
  }

  @Test
  void theOtherRecipientsPagesAreAccessibleAndFitAPhone() throws Exception {
    importList(
        "sms",
        "uk",
        "Ви залишили номер у магазині Квітки",
        "email,phone\nivan@example.com,+380671234567\n");
    String campaign = campaign("sms");
    AccountId account = node.node().accounts().authenticate(key).orElseThrow().id();
    URI sms =
        URI.create(
            node.node()
                .shortLinks()
                .unsubscribe(
                    new ShortLinkTarget(
                        account, campaign, 1, "e:ivan@example.com", "+380671234567", "uk")));
    try (Browser browser = Browser.start("uk-UA,uk")) {
      browser.open(node.url(sms.getRawPath()));
      assertThat(browser.find(".whose").getText()).contains(COMPANY);
      check(browser, "sms-unsubscribe-uk-1-question");
      browser.find("button").click();
      new WebDriverWait(browser.driver(), WAIT)
          .until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Ви відписалися"));
      check(browser, "sms-unsubscribe-uk-2-unsubscribed");

      browser.open(node.url("/report"));
      WebElement field = browser.find("textarea");
      assertThat(browser.find("label[for='" + field.getAttribute("id") + "']").getText())
          .isNotBlank();
      check(browser, "report-uk-1-form");
      field.sendKeys("Subject: nothing of ours");
      browser.find("button").click();
      new WebDriverWait(browser.driver(), WAIT)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.cssSelector("h1"), "не знайшли"));
      check(browser, "report-uk-2-not-ours");

      // Guessing short codes: past ShortLinkRoutes.MISS_BURST unknown ones, 429 as a page.
      for (int i = 0; i <= ShortLinkRoutes.MISS_BURST; i++) {
        node.send(HttpRequest.newBuilder(node.url("/s/guess" + i)).GET().build());
      }
      browser.open(node.url("/s/guess"));
      assertThat(browser.find("h1").getText()).isEqualTo("Забагато запитів");
      check(browser, "error-uk-429");
    }
  }

  private static void check(Browser browser, String name) {
    browser.assertAccessible();
    browser.screenshots(name);
  }

  /**
   * Sends the journey's campaign for real and returns the unsubscribe path of the mail received.
   */
  private static String unsubscribeLinkReceivedBy(Journey j) throws Exception {
    String list = "news-" + j.language();
    importList(list, j.language(), j.consent(), "email\n" + j.email() + "\n");
    String campaign = campaign(list);
    assertThat(
            node.post("/api/campaigns/" + campaign + "/start", key, "application/json", new byte[0])
                .statusCode())
        .isLessThan(300);
    MimeMessage received =
        Await.until(
                () ->
                    Arrays.stream(mail.getReceivedMessages())
                        .filter(m -> GreenMailUtil.getWholeMessage(m).contains(j.email()))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    String header = received.getHeader("List-Unsubscribe", ",");
    Matcher link = UNSUBSCRIBE.matcher(header);
    assertThat(link.find()).as(header).isTrue();
    return link.group();
  }

  private static void importList(String list, String language, String consent, String csv)
      throws Exception {
    node.importFile(key, list, list + ".csv", csv.getBytes(UTF_8), language, consent);
  }

  private static String campaign(String list) throws Exception {
    return TrackingEndpointsTest.createCampaign(node, key, list, "Kvitka", "news@kvitka.example");
  }
}
