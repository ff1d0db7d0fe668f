package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.account.AccountId;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an SMS recipient's phone does with the short links of a message, against a real node
 * (embedded Redis, real HTTP) whose own short-link store minted them: the unsubscribe page speaks
 * the list's language and fits a phone, GET never unsubscribes, POST suppresses the number at once
 * and counts once, a second visit says so, clicks redirect and count once with machines apart, and
 * every code that leads nowhere is the localised 404 page.
 */
class ShortLinkPagesTest {
  static final String CHROME = TrackingEndpointsTest.CHROME;
  static final String ANN_PHONE = "+380671234567";

  @TempDir static Path data;
  static MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  static TestNode node;
  static String alice;
  static AccountId aliceId;

  static final java.util.concurrent.atomic.AtomicInteger phones =
      new java.util.concurrent.atomic.AtomicInteger(1_000_000);

  String campaign;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data, clock);
    alice = node.createAccount("Alice Ltd");
    node.attestDomain(alice, "shop.example.com");
    aliceId = node.node().accounts().authenticate(alice).orElseThrow().id();
    node.importFile(
        alice,
        "news",
        "news.csv",
        ("email,phone\nann@example.com," + ANN_PHONE + "\n").getBytes(UTF_8));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void newCampaign() throws Exception {
    campaign =
        TrackingEndpointsTest.createCampaign(
            node, alice, "news", "Shop & Co", "news@shop.example.com");
  }

  /** A recipient of this test's campaign, each test's own number unless it says. */
  ShortLinkTarget target(String phone, String language) {
    return new ShortLinkTarget(aliceId, campaign, 1, "e:ann@example.com", phone, language);
  }

  static String freshPhone() {
    return "+38067" + phones.incrementAndGet();
  }

  static String path(String link) {
    return link.substring(link.indexOf("/", "https://".length()));
  }

  static HttpResponse<String> get(String path, String acceptLanguage) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path))
            .header("User-Agent", CHROME)
            .header("Accept-Language", acceptLanguage)
            .GET()
            .build());
  }

  static HttpResponse<String> post(String path, String acceptLanguage) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path))
            .header("User-Agent", CHROME)
            .header("Accept-Language", acceptLanguage)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  static HttpResponse<String> request(String method, String path, String agent) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.url(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (agent != null) {
      request.header("User-Agent", agent);
    }
    return node.send(request.build());
  }

  static Document html(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    return Jsoup.parse(response.body());
  }

  long count(String counter) throws Exception {
    return node.json(node.get("/api/campaigns/" + campaign, alice))
        .path("stats")
        .path("all")
        .path(counter)
        .asLong();
  }

  static String suppressionReason(String phone) throws Exception {
    for (JsonNode s : node.json(node.get("/api/suppressions", alice)).get("suppressions")) {
      if (phone.equals(s.path("phone").asText())) {
        return s.get("reason").asText();
      }
    }
    return null;
  }

  // --- the unsubscribe page ---

  @Test
  void thePageSpeaksTheListsLanguageWhateverTheBrowserAsks() throws Exception {
    String phone = freshPhone();
    String english = path(node.node().shortLinks().unsubscribe(target(phone, "en")));
    String ukrainian = path(node.node().shortLinks().unsubscribe(target(phone, "uk")));

    Document en = html(get(english, "uk-UA,uk;q=0.9"));
    assertThat(en.select("html").attr("lang")).isEqualTo("en");
    assertThat(en.select("h1").text()).isEqualTo("Unsubscribe");
    assertThat(en.select("p.question").text())
        .isEqualTo(
            "Stop all messages from Shop & Co <news@shop.example.com> to the number +380•••••••"
                + phone.substring(phone.length() - 2)
                + "?");
    assertThat(en.select("form").attr("method")).isEqualTo("post");
    assertThat(en.select("form").attr("action")).isEmpty(); // back to this very URL
    assertThat(en.select("form button").text()).isEqualTo("Unsubscribe");

    Document uk = html(get(ukrainian, "en-US,en;q=0.9"));
    assertThat(uk.select("html").attr("lang")).isEqualTo("uk");
    assertThat(uk.select("h1").text()).isEqualTo("Відписатися");
    assertThat(uk.select("p.question").text())
        .startsWith("Більше не отримувати жодних повідомлень від");
    assertThat(uk.select("form button").text()).isEqualTo("Відписатися");
  }

  @Test
  void thePageNamesTheSenderAndHidesMostOfTheNumber() throws Exception {
    String page =
        get(path(node.node().shortLinks().unsubscribe(target(ANN_PHONE, "en"))), "en").body();
    assertThat(page).contains("+380•••••••67").doesNotContain(ANN_PHONE).doesNotContain("ann@");
    assertThat(page).contains("<strong>Shop &amp; Co &lt;news@shop.example.com&gt;</strong>");
  }

  @Test
  void thePageFitsAPhoneScreen() throws Exception {
    HttpResponse<String> response =
        get(path(node.node().shortLinks().unsubscribe(target(freshPhone(), "uk"))), "uk");
    Document page = html(response);
    assertThat(page.select("meta[name=viewport]").attr("content"))
        .contains("width=device-width")
        .contains("initial-scale=1");
    // Nothing wider than a 390-pixel screen: no fixed widths, text that wraps (a real browser
    // measures it at 390 px in RecipientJourneyTest).
    String css =
        node.send(
                HttpRequest.newBuilder(node.url(page.select("link[rel=stylesheet]").attr("href")))
                    .build())
            .body();
    Matcher pixels = Pattern.compile("(\\d+)px").matcher(css);
    while (pixels.find()) {
      assertThat(Integer.parseInt(pixels.group(1))).isLessThanOrEqualTo(390);
    }
    assertThat(page.select("[width], [style], table, pre")).isEmpty();
    assertThat(css).contains("max-width: 34rem").contains("overflow-wrap: anywhere");
  }

  @Test
  void aGetNeverUnsubscribesAndAPostDoesAtOnceCountedOnce() throws Exception {
    String phone = freshPhone();
    String page = path(node.node().shortLinks().unsubscribe(target(phone, "en")));
    clock.advance(Duration.ofMinutes(5));

    for (int i = 0; i < 3; i++) { // the recipient, a link preview, a scanner
      assertThat(get(page, "en").statusCode()).isEqualTo(200);
    }
    assertThat(suppressionReason(phone)).isNull();
    assertThat(count("unsubscribed")).isZero();

    HttpResponse<String> done = post(page, "uk");
    assertThat(done.statusCode()).isEqualTo(200);
    Document answer = html(done);
    assertThat(answer.select("html").attr("lang")).isEqualTo("en");
    assertThat(answer.select("h1").text()).isEqualTo("You are unsubscribed");
    assertThat(answer.select("p").text()).contains("will receive no more messages from");
    // The number itself is suppressed in the account (every list, every campaign), at once.
    assertThat(suppressionReason(phone)).isEqualTo("unsubscribed (sms-link)");
    assertThat(count("unsubscribed")).isEqualTo(1);

    assertThat(post(page, "en").statusCode()).isEqualTo(200);
    assertThat(count("unsubscribed")).isEqualTo(1);
    JsonNode events =
        node.json(node.get("/api/campaigns/" + campaign + "/events", alice)).get("events");
    assertThat(events)
        .filteredOn(e -> e.get("kind").asText().equals("unsubscribed"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("source").asText()).isEqualTo("sms-link"));
  }

  @Test
  void aSecondVisitAfterUnsubscribingSaysSoInTheListsLanguage() throws Exception {
    String phone = freshPhone();
    String page = path(node.node().shortLinks().unsubscribe(target(phone, "uk")));
    assertThat(post(page, "uk").statusCode()).isEqualTo(200);

    Document again = html(get(page, "en"));
    assertThat(again.select("html").attr("lang")).isEqualTo("uk");
    assertThat(again.select("h1").text()).isEqualTo("Ви відписалися");
    assertThat(again.select("p").text()).contains("уже відписано");
    assertThat(again.select("form")).isEmpty();

    // The same number's link from another campaign says so too: the number is what is suppressed.
    campaign =
        TrackingEndpointsTest.createCampaign(node, alice, "news", "Shop", "news@shop.example.com");
    Document other =
        html(get(path(node.node().shortLinks().unsubscribe(target(phone, "en"))), "en"));
    assertThat(other.select("p").text()).contains("is already unsubscribed");
  }

  // --- tracked links ---

  @Test
  void aTrackedLinkRedirectsAndCountsOnePersonOnceAndScannersApart() throws Exception {
    String url = "https://shop.example.com/sale?utm=sms&x=\"q\"";
    String link = path(node.node().shortLinks().click(target(freshPhone(), "uk"), url));
    clock.advance(Duration.ofMinutes(5));

    HttpResponse<String> first = request("GET", link, CHROME);
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.headers().firstValue("Location"))
        .contains("https://shop.example.com/sale?utm=sms&x=%22q%22");
    assertThat(first.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(request("GET", link, CHROME).statusCode()).isEqualTo(302);
    assertThat(count("clicked")).isEqualTo(1);

    // A link preview that fetches the URL, and a HEAD: still sent on, counted as machines.
    assertThat(request("GET", link, "facebookexternalhit/1.1 Facebot Twitterbot/1.0").statusCode())
        .isEqualTo(302);
    assertThat(request("HEAD", link, CHROME).statusCode()).isEqualTo(302);
    assertThat(count("clicked")).isEqualTo(1);
    assertThat(count("clicked_machine")).isEqualTo(1); // one contact, counted once
  }

  @Test
  void aClickAsSoonAsTheMessageArrivesIsAScannersNotAPersons() throws Exception {
    String link =
        path(node.node().shortLinks().click(target(freshPhone(), "uk"), "https://x.example/"));
    clock.advance(Duration.ofSeconds(3));
    assertThat(request("GET", link, CHROME).statusCode()).isEqualTo(302);
    assertThat(count("clicked")).isZero();
    assertThat(count("clicked_machine")).isEqualTo(1);
  }

  // --- codes that lead nowhere ---

  @Test
  void aForgedOrMalformedCodeIsTheLocalisedNotFoundPageNeverJsonNeverAnError() throws Exception {
    String[] paths = {
      "/s/AAAAAAAAAA", "/s/short", "/s/%21%21%21%21%21%21%21%21%21%21", "/l/zzzzzzzzzz", "/l/x"
    };
    for (String path : paths) {
      for (String language : new String[] {"uk", "en"}) {
        HttpResponse<String> answer = get(path, language);
        assertThat(answer.statusCode()).as(path).isEqualTo(404);
        Document page = html(answer);
        assertThat(page.select("html").attr("lang")).isEqualTo(language);
        assertThat(page.select("h1").text())
            .isEqualTo(language.equals("uk") ? "Посилання недійсне" : "This link is not valid");
      }
    }
    HttpResponse<String> forgedPost = post("/s/AAAAAAAAAA", "uk");
    assertThat(forgedPost.statusCode()).isEqualTo(404);
    assertThat(html(forgedPost).select("html").attr("lang")).isEqualTo("uk");
    assertThat(request("HEAD", "/l/AAAAAAAAAA", CHROME).statusCode()).isEqualTo(404);
  }

  @Test
  void aCodeOfOneKindDoesNotOpenTheOther() throws Exception {
    ShortLinkTarget ann = target(freshPhone(), "en");
    String unsubscribe = path(node.node().shortLinks().unsubscribe(ann));
    String click = path(node.node().shortLinks().click(ann, "https://x.example/"));

    assertThat(get("/l/" + unsubscribe.substring(3), "en").statusCode()).isEqualTo(404);
    assertThat(get("/s/" + click.substring(3), "en").statusCode()).isEqualTo(404);
    assertThat(post("/s/" + click.substring(3), "en").statusCode()).isEqualTo(404);
    assertThat(suppressionReason(ann.phone())).isNull();
  }

  @Test
  void theLinksOfADeletedAccountLeadNowhere() throws Exception {
    String bob = node.createAccount("Bob Ltd");
    node.attestDomain(bob, "bob.example.com");
    AccountId bobId = node.node().accounts().authenticate(bob).orElseThrow().id();
    node.importFile(bob, "b", "b.csv", ("phone\n" + ANN_PHONE + "\n").getBytes(UTF_8));
    String bobs =
        TrackingEndpointsTest.createCampaign(node, bob, "b", "Bob", "news@bob.example.com");
    String page =
        path(
            node.node()
                .shortLinks()
                .unsubscribe(
                    new ShortLinkTarget(bobId, bobs, 1, "p:" + ANN_PHONE, ANN_PHONE, "en")));
    assertThat(get(page, "en").statusCode()).isEqualTo(200);

    HttpResponse<String> deleted =
        node.send(
            HttpRequest.newBuilder(node.url("/api/admin/accounts/" + bobId.value()))
                .header("Authorization", "Bearer " + TestNode.ADMIN_TOKEN)
                .DELETE()
                .build());
    assertThat(deleted.statusCode()).isEqualTo(204);

    assertThat(get(page, "en").statusCode()).isEqualTo(404);
    assertThat(post(page, "en").statusCode()).isEqualTo(404);
  }
}
