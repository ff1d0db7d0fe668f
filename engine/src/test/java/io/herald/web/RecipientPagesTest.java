package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingSecret;
import io.herald.tracking.TrackingToken;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the email unsubscribe page tells a recipient, over real HTTP against a real node: it speaks
 * the list's language before the browser's, says whose list it is (the account's company and the
 * list's consent statement), says so on a second visit instead of asking again, and is served under
 * a strict Content-Security-Policy with its style from a cached static file; the spam form's field
 * is labelled. The real browser's view of the same pages is {@code RecipientJourneyTest}.
 */
class RecipientPagesTest {
  private static final Pattern UNSUBSCRIBE = Pattern.compile("/u/([A-Za-z0-9_.~%-]+)");
  static final String COMPANY = "ТОВ «Квітка & Ко»";
  static final String CONSENT_UK = "Ви підписалися на новини Квітки на kvitka.example";
  static final String CONSENT_EN = "You subscribed to Kvitka's news on kvitka.example";

  @TempDir static Path data;
  static TestNode node;
  static String key;
  static String accountId;
  static String ukCampaign;
  static String enCampaign;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount(COMPANY);
    accountId = node.node().accounts().authenticate(key).orElseThrow().id().value();
    node.attestDomain(key, "kvitka.example");
    importList("novyny", "uk", CONSENT_UK, "olena@example.com");
    importList("news", "en", CONSENT_EN, "ann@example.com");
    ukCampaign = campaign("novyny");
    enCampaign = campaign("news");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Imports one address into {@code list}, naming the list's language and consent statement. */
  static void importList(String list, String language, String consent, String email)
      throws Exception {
    node.importFile(
        key, list, list + ".csv", ("email\n" + email + "\n").getBytes(UTF_8), language, consent);
  }

  static String campaign(String list) throws Exception {
    return TrackingEndpointsTest.createCampaign(node, key, list, "Kvitka", "news@kvitka.example");
  }

  /** The unsubscribe path of the message {@code email} would get, as the preview renders it. */
  static String unsubscribePath(String campaign, String email) throws Exception {
    return unsubscribePath(node, key, campaign, email);
  }

  /** The same on any node, for the account with API key {@code key}. */
  static String unsubscribePath(TestNode node, String key, String campaign, String email)
      throws Exception {
    String rfc822 =
        node.json(
                node.post(
                    "/api/campaigns/" + campaign + "/preview",
                    key,
                    "application/json",
                    ("{\"email\":\"" + email + "\"}").getBytes(UTF_8)))
            .get("rfc822")
            .asText();
    Matcher m = UNSUBSCRIBE.matcher(rfc822);
    assertThat(m.find()).as(rfc822).isTrue();
    return m.group();
  }

  static HttpResponse<String> get(String path, String language) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path)).header("Accept-Language", language).GET().build());
  }

  static HttpResponse<String> post(String path, String language) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path))
            .header("Accept-Language", language)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("confirm=yes"))
            .build());
  }

  static Document page(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    return Jsoup.parse(response.body());
  }

  @Test
  void thePageSpeaksTheListsLanguageBeforeTheBrowsers() throws Exception {
    Document uk = page(get(unsubscribePath(ukCampaign, "olena@example.com"), "en-US,en"), 200);
    assertThat(uk.select("html").attr("lang")).isEqualTo("uk");
    assertThat(uk.select("h1").text()).isEqualTo("Відписатися");
    assertThat(uk.select("form button").text()).isEqualTo("Відписатися");

    Document en = page(get(unsubscribePath(enCampaign, "ann@example.com"), "uk-UA,uk"), 200);
    assertThat(en.select("html").attr("lang")).isEqualTo("en");
    assertThat(en.select("h1").text()).isEqualTo("Unsubscribe");
  }

  @Test
  void thePageSaysWhoseListItIs() throws Exception {
    Document uk = page(get(unsubscribePath(ukCampaign, "olena@example.com"), "uk"), 200);
    assertThat(uk.select(".whose").text()).isEqualTo("Власник списку розсилки: " + COMPANY + ".");
    assertThat(uk.select(".consent").text())
        .isEqualTo("Чому ви отримуєте ці повідомлення: " + CONSENT_UK);
    assertThat(uk.select(".question").text())
        .isEqualTo(
            "Більше не отримувати жодних листів від Kvitka <news@kvitka.example> на адресу"
                + " olena@example.com?");

    Document en = page(get(unsubscribePath(enCampaign, "ann@example.com"), "en"), 200);
    assertThat(en.select(".whose").text()).isEqualTo("The list belongs to " + COMPANY + ".");
    assertThat(en.select(".consent").text())
        .isEqualTo("Why you receive these messages: " + CONSENT_EN);
  }

  @Test
  void aMessageWithoutAListNamesTheCompanyInTheBrowsersLanguage() throws Exception {
    // A transactional message's token: its id is no campaign, so no list says a language.
    TokenSigner signer = TrackingSecret.signer(Optional.empty(), data, new SecureRandom());
    String path =
        "/u/"
            + signer.sign(
                new TrackingToken.Unsubscribe(accountId, "00000000000000ff", "e:zoe@example.com"));
    Document uk = page(get(path, "uk-UA,uk;q=0.9"), 200);
    assertThat(uk.select("html").attr("lang")).isEqualTo("uk");
    assertThat(uk.select(".whose").text()).contains(COMPANY);
    assertThat(uk.select(".consent")).isEmpty();
    Document en = page(get(path, "en"), 200);
    assertThat(en.select("html").attr("lang")).isEqualTo("en");
    assertThat(en.select(".question").text()).contains("from " + COMPANY + " to zoe@example.com");
  }

  @Test
  void aSecondVisitAfterUnsubscribingSaysSoInsteadOfAskingAgain() throws Exception {
    importList("novyny", "uk", CONSENT_UK, "taras@example.com");
    String path = unsubscribePath(ukCampaign, "taras@example.com");
    assertThat(page(get(path, "uk"), 200).select("form")).hasSize(1);

    Document done = page(post(path, "uk"), 200);
    assertThat(done.select("h1").text()).isEqualTo("Ви відписалися");
    assertThat(done.select(".whose").text()).contains(COMPANY);

    Document again = page(get(path, "uk"), 200);
    assertThat(again.select("form")).isEmpty();
    assertThat(again.select("h1").text()).isEqualTo("Ви відписалися");
    assertThat(again.select(".answer").text())
        .isEqualTo(
            "Адресу taras@example.com уже відписано: вона більше не отримує листів від Kvitka"
                + " <news@kvitka.example>.");
  }

  @Test
  void thePagesAllowNoInlineStyleOrScriptAndTheirStylesheetIsCachedAndChecked() throws Exception {
    for (String path :
        new String[] {unsubscribePath(ukCampaign, "olena@example.com"), "/report", "/u/nonsense"}) {
      HttpResponse<String> response = get(path, "uk");
      String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp)
          .contains("default-src 'none'")
          .contains("style-src 'self'")
          .doesNotContain("unsafe-inline");
      Document doc = Jsoup.parse(response.body());
      assertThat(doc.select("style, script, [style]")).as(path).isEmpty();
      Element link = doc.selectFirst("link[rel=stylesheet]");
      assertThat(link).as(path).isNotNull();

      HttpResponse<byte[]> css =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(node.url(link.attr("href"))).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(css.statusCode()).isEqualTo(200);
      assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
      assertThat(css.headers().firstValue("Cache-Control").orElse(""))
          .contains("immutable")
          .contains("max-age=31536000");
      String sri =
          "sha384-"
              + Base64.getEncoder()
                  .encodeToString(MessageDigest.getInstance("SHA-384").digest(css.body()));
      assertThat(link.attr("integrity")).isEqualTo(sri);
    }
    // another name (an older stylesheet's) is the 404 page, not some other file
    assertThat(page(get("/public/recipients-000000000000.css", "en"), 404).select("h1").text())
        .isEqualTo("This link is not valid");
  }

  @Test
  void aLanguageWithMalformedWeightsStillCounts() throws Exception {
    // chromium sends this when a user sets "uk;q=0.9" as a language; Java refuses the weights
    Document uk = page(get("/report", "uk-UA,uk;q=0.9,uk;q=0.9;q=0.8"), 200);
    assertThat(uk.select("html").attr("lang")).isEqualTo("uk");
    Document en = page(get("/report", "en;q=1;q=0.5,uk;q=0.1"), 200);
    assertThat(en.select("html").attr("lang")).isEqualTo("en");
  }

  @Test
  void theSpamFormsFieldIsLabelled() throws Exception {
    for (String language : new String[] {"uk", "en"}) {
      Document form = page(get("/report", language), 200);
      Element field = form.selectFirst("textarea");
      assertThat(field.id()).isNotEmpty();
      assertThat(form.select("label[for=" + field.id() + "]").text()).isNotBlank();
    }
  }
}
