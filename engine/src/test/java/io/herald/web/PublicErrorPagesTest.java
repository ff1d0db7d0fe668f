package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.HeraldConfig;
import io.herald.config.RateLimitConfig;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a recipient's browser or mailbox provider gets from the public pages when its request is
 * wrong: a POST to a genuine unsubscribe URL unsubscribes whatever its body (the token in the URL
 * is the request, RFC 8058), a malformed spam report is a page saying so, and a missing page or too
 * many requests are HTML pages in the reader's language (Ukrainian or English), never JSON or a
 * 500.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicErrorPagesTest {

  @TempDir static Path data;
  static TestNode node;
  static String key;
  static String campaign;

  @BeforeAll
  static void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    // a small public limit, so a burst from this test's address reaches it
    node =
        TestNode.start(
            base.withHttp(base.http().withRateLimit(new RateLimitConfig(1000, 1000, 1, 40))),
            Clock.systemUTC());
    key = node.createAccount("Pages Co");
    node.attestDomain(key, "pages.example");
    node.importFile(
        key,
        "news",
        "news.csv",
        "email\nann@example.com\nbob@example.com\ncid@example.com\n".getBytes(UTF_8));
    HttpResponse<String> created =
        node.post(
            "/api/campaigns",
            key,
            "application/json",
            "{\"list\":\"news\",\"fromAddress\":\"news@pages.example\",\"subject\":\"Hi\",\"html\":\"<p>Hi</p>\"}"
                .getBytes(UTF_8));
    campaign = node.json(created).get("id").asText();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** The unsubscribe path of the message {@code email} would get, as the preview renders it. */
  private static String unsubscribePath(String email) throws Exception {
    return RecipientPagesTest.unsubscribePath(node, key, campaign, email);
  }

  private static HttpResponse<String> post(String path, String contentType, String body)
      throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static HttpResponse<String> get(String path, String language) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path)).header("Accept-Language", language).GET().build());
  }

  private static void assertPage(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String suppressions() throws Exception {
    return node.get("/api/suppressions", key).body();
  }

  @Test
  void aMalformedMultipartPostToAGenuineUnsubscribeUrlStillUnsubscribes() throws Exception {
    HttpResponse<String> done =
        post(
            unsubscribePath("ann@example.com"),
            "multipart/form-data; boundary=never-used",
            "this is not multipart at all");
    assertPage(done, 200);
    assertThat(suppressions()).contains("ann@example.com");

    HttpResponse<String> noBoundary =
        post(unsubscribePath("bob@example.com"), "multipart/form-data", "--x\r\nbroken");
    assertPage(noBoundary, 200);
    assertThat(suppressions()).contains("bob@example.com");
  }

  @Test
  void aMalformedSpamReportIsAPageNotAFailure() throws Exception {
    assertPage(post("/report", "multipart/form-data; boundary=b", "--b\r\ngarbage"), 400);
    assertPage(post("/report", "multipart/form-data", "evidence=x"), 400);
  }

  @Test
  void aMissingPublicPageIsAnHtmlPageInTheReadersLanguage() throws Exception {
    HttpResponse<String> english = get("/u/", "en-GB,en;q=0.9");
    assertPage(english, 404);
    assertThat(english.body()).contains("lang=\"en\"").contains("not valid");

    HttpResponse<String> ukrainian = get("/t/c/", "uk-UA,uk;q=0.9,en;q=0.5");
    assertPage(ukrainian, 404);
    assertThat(ukrainian.body()).contains("lang=\"uk\"").contains("Посилання недійсне");
  }

  @Test
  void theUnsubscribePageAndTheReportFormSpeakTheReadersLanguage() throws Exception {
    // cid: the others are unsubscribed by other tests, and a second visit asks nothing
    HttpResponse<String> page = get(unsubscribePath("cid@example.com"), "uk-UA,uk;q=0.9");
    assertPage(page, 200);
    assertThat(page.body())
        .contains("lang=\"uk\"")
        .contains("Більше не отримувати жодних листів")
        .contains("cid@example.com");
    assertThat(get("/report", "uk").body()).contains("Поскаржитися на спам");
    assertThat(get("/report", "en").body()).contains("Report a message as spam");
  }

  @Test
  @Order(Integer.MAX_VALUE) // it spends this address's public budget, so it runs last
  void tooManyRequestsIsAnHtmlPageInTheReadersLanguage() throws Exception {
    HttpResponse<String> refused = null;
    for (int i = 0; i < 200 && refused == null; i++) {
      HttpResponse<String> response = get("/report", "uk");
      if (response.statusCode() == 429) {
        refused = response;
      }
    }
    assertThat(refused).isNotNull();
    assertPage(refused, 429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("lang=\"uk\"").contains("Забагато запитів");
  }
}
