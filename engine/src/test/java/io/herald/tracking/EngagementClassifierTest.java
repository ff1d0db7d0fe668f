package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.testing.MutableClock;
import io.herald.tracking.EngagementClassifier.Method;
import io.herald.tracking.EngagementClassifier.Reason;
import io.herald.tracking.EngagementClassifier.RecentClick;
import io.herald.tracking.EngagementClassifier.Request;
import io.herald.tracking.EngagementClassifier.Rules;
import io.herald.tracking.EngagementClassifier.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** People's opens and clicks count; mail systems' and scanners' are told apart, rule by rule. */
class EngagementClassifierTest {
  static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");
  static final String IPHONE_SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";
  static final String OUTLOOK =
      "Mozilla/4.0 (compatible; ms-office; MSOffice 16) Microsoft Outlook 16.0.17328";
  static final String GMAIL_PROXY =
      "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
  static final String CUBOT_PHONE =
      "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0 Mobile Safari/537.36";

  final MutableClock clock = new MutableClock(SENT);
  final EngagementClassifier classifier = new EngagementClassifier(Rules.DEFAULT, clock);

  static Request get(String agent) {
    return Request.of(Method.GET, agent);
  }

  static Verdict machine(Reason reason) {
    return new Verdict.Machine(reason);
  }

  static final Verdict HUMAN = new Verdict.Human();

  void minutesLater() {
    clock.advance(Duration.ofMinutes(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {IPHONE_SAFARI, CHROME, OUTLOOK, GMAIL_PROXY, CUBOT_PHONE})
  void aPersonsMailClientOrBrowserMinutesAfterSendingIsHuman(String agent) {
    minutesLater();
    assertThat(classifier.open(get(agent), SENT)).isEqualTo(HUMAN);
    assertThat(classifier.click(get(agent), SENT, "https://shop.ua/a", List.of())).isEqualTo(HUMAN);
  }

  @Test
  void headRequestsAreMachinesWhateverElse() {
    minutesLater();
    Request head = Request.of(Method.HEAD, CHROME);
    assertThat(classifier.open(head, SENT)).isEqualTo(machine(Reason.HEAD_REQUEST));
    assertThat(classifier.click(head, SENT, "https://shop.ua/a", List.of()))
        .isEqualTo(machine(Reason.HEAD_REQUEST));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void aMissingOrBlankUserAgentIsAMachine(String agent) {
    minutesLater();
    assertThat(classifier.open(get(agent), SENT)).isEqualTo(machine(Reason.NO_USER_AGENT));
    assertThat(classifier.open(Request.of(Method.GET, null), SENT))
        .isEqualTo(machine(Reason.NO_USER_AGENT));
    assertThat(classifier.click(get(agent), SENT, "https://x.ua/", List.of()))
        .isEqualTo(machine(Reason.NO_USER_AGENT));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.31.0",
        "Python-urllib/3.12",
        "python-httpx/0.27.0",
        "aiohttp/3.9",
        "Go-http-client/1.1",
        "Go-http-client/2.0",
        "Java/21.0.2",
        "Java-http-client/21.0.2",
        "Apache-HttpClient/4.5.14 (Java/17.0.9)",
        "okhttp/4.12.0",
        "libwww-perl/6.72",
        "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
        "axios/1.6.8",
        "undici",
        "GuzzleHttp/7",
        "Ruby",
        "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1",
        "PostmanRuntime/7.36",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/122.0 Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Twitterbot/1.0",
        "TelegramBot (like TwitterBot)",
        "facebookexternalhit/1.1",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (compatible; YandexBot/3.0)",
        "Mozilla/5.0 SkypeUriPreview Preview/0.5",
        "BingPreview/1.0b",
        "Barracuda Sentinel (EE)",
        "Mimecast URL Protect",
        "Proofpoint URL Defense",
        "Cisco IronPort",
        "Symantec MessageLabs Web Security",
        "Forcepoint Email Security",
        "TrendMicro Email Security",
        "FireEye-ETP",
        "Sophos Email Scanner",
        "Zscaler",
        "FortiGuard",
        "VirusTotal",
        "urlscan.io",
        "Some Security Scanner 1.0",
        "my-crawler/1.0",
        "webspider"
      })
  void automatedUserAgentsAreMachines(String agent) {
    minutesLater();
    assertThat(classifier.open(get(agent), SENT))
        .as(agent)
        .isEqualTo(machine(Reason.AUTOMATED_AGENT));
    assertThat(classifier.click(get(agent), SENT, "https://x.ua/", List.of()))
        .as(agent)
        .isEqualTo(machine(Reason.AUTOMATED_AGENT));
  }

  @Test
  void applePrivacyProtectionFetchesAreMachineOpensAndItsBareAgentClickingIsAScript() {
    minutesLater();
    assertThat(classifier.open(get("Mozilla/5.0"), SENT)).isEqualTo(machine(Reason.PRIVACY_PROXY));
    assertThat(classifier.open(get(" mozilla/5.0 "), SENT))
        .isEqualTo(machine(Reason.PRIVACY_PROXY));
    assertThat(classifier.click(get("Mozilla/5.0"), SENT, "https://x.ua/", List.of()))
        .isEqualTo(machine(Reason.AUTOMATED_AGENT));
  }

  @Test
  void anOpenWithinFiveSecondsOfSendingIsAMachinesAndFromFiveOnAPersons() {
    clock.advance(Duration.ofMillis(4999));
    assertThat(classifier.open(get(CHROME), SENT)).isEqualTo(machine(Reason.SOON_AFTER_SENDING));
    clock.advance(Duration.ofMillis(1));
    assertThat(classifier.open(get(CHROME), SENT)).isEqualTo(HUMAN);
  }

  @Test
  void aClickWithinTenSecondsOfSendingIsAMachinesAndFromTenOnAPersons() {
    clock.advance(Duration.ofMillis(9999));
    assertThat(classifier.click(get(CHROME), SENT, "https://x.ua/", List.of()))
        .isEqualTo(machine(Reason.SOON_AFTER_SENDING));
    clock.advance(Duration.ofMillis(1));
    assertThat(classifier.click(get(CHROME), SENT, "https://x.ua/", List.of())).isEqualTo(HUMAN);
  }

  @Test
  void anIssueTimeInTheFutureCountsAsTooSoon() {
    assertThat(classifier.open(get(CHROME), SENT.plusSeconds(60)))
        .isEqualTo(machine(Reason.SOON_AFTER_SENDING));
    assertThat(classifier.click(get(CHROME), SENT.plusSeconds(60), "https://x.ua/", List.of()))
        .isEqualTo(machine(Reason.SOON_AFTER_SENDING));
  }

  @Test
  void requestRulesComeBeforeTiming() {
    // a scanner on arrival is reported as the scanner it is
    assertThat(classifier.open(get("curl/8"), SENT)).isEqualTo(machine(Reason.AUTOMATED_AGENT));
    assertThat(classifier.open(Request.of(Method.HEAD, "curl/8"), SENT))
        .isEqualTo(machine(Reason.HEAD_REQUEST));
  }

  @Test
  void aClickOnAnotherLinkOfTheMessageWithinTwoSecondsIsEveryLinkAtOnce() {
    minutesLater();
    Instant now = clock.instant();
    var other = new RecentClick("https://shop.ua/b", now.minusMillis(2000));
    assertThat(classifier.click(get(CHROME), SENT, "https://shop.ua/a", List.of(other)))
        .isEqualTo(machine(Reason.EVERY_LINK_AT_ONCE));
    // the window holds this click too, as the store returns it
    var self = new RecentClick("https://shop.ua/a", now);
    assertThat(classifier.click(get(CHROME), SENT, "https://shop.ua/a", List.of(self, other)))
        .isEqualTo(machine(Reason.EVERY_LINK_AT_ONCE));
    // a click noted a moment "later" by a node whose clock is ahead counts as well
    var ahead = new RecentClick("https://shop.ua/c", now.plusMillis(500));
    assertThat(classifier.click(get(CHROME), SENT, "https://shop.ua/a", List.of(self, ahead)))
        .isEqualTo(machine(Reason.EVERY_LINK_AT_ONCE));
  }

  @Test
  void theSameLinkTwiceOrAnotherLinkLaterIsStillAPerson() {
    minutesLater();
    Instant now = clock.instant();
    var sameLink = new RecentClick("https://shop.ua/a", now.minusMillis(300));
    var self = new RecentClick("https://shop.ua/a", now);
    var otherLinkEarlier = new RecentClick("https://shop.ua/b", now.minusMillis(2001));
    assertThat(
            classifier.click(
                get(CHROME), SENT, "https://shop.ua/a", List.of(sameLink, self, otherLinkEarlier)))
        .isEqualTo(HUMAN);
    assertThat(classifier.click(get(CHROME), SENT, "https://shop.ua/a", List.of()))
        .isEqualTo(HUMAN);
  }

  @Test
  void opensIgnoreClicks() {
    minutesLater();
    assertThat(classifier.open(get(IPHONE_SAFARI), SENT)).isEqualTo(HUMAN);
  }

  @Test
  void windowsAreConfigurable() {
    var strict =
        new EngagementClassifier(
            new Rules(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5)),
            clock);
    clock.advance(Duration.ofSeconds(20));
    assertThat(strict.open(get(CHROME), SENT)).isEqualTo(machine(Reason.SOON_AFTER_SENDING));
    assertThat(classifier.open(get(CHROME), SENT)).isEqualTo(HUMAN);
    clock.advance(Duration.ofSeconds(60));
    var fourSecondsAgo = new RecentClick("https://b.ua/", clock.instant().minusSeconds(4));
    assertThat(strict.click(get(CHROME), SENT, "https://a.ua/", List.of(fourSecondsAgo)))
        .isEqualTo(machine(Reason.EVERY_LINK_AT_ONCE));
    assertThat(classifier.click(get(CHROME), SENT, "https://a.ua/", List.of(fourSecondsAgo)))
        .isEqualTo(HUMAN);
    assertThatThrownBy(() -> new Rules(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(Rules.DEFAULT)
        .isEqualTo(new Rules(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2)));
    assertThat(Reason.EVERY_LINK_AT_ONCE.code()).isEqualTo("every_link_at_once");
  }
}
