package io.herald.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every page stands on: the strict CSP and no inline script or style, the assets with their
 * integrity hashes and long caching, the language (Ukrainian first, the user's choice kept with the
 * user), errors as pages, and the admin API that adds the first users.
 */
class PageFoundationTest {
  @TempDir static Path data;
  static TestNode node;
  static String acme;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    acme = PageUsers.accountOf(node, node.createAccount("Acme"));
    PageUsers.ready(node, "owner@acme.example", "owner", acme);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void pages_have_a_strict_csp_and_nothing_inline() throws Exception {
    WebClient browser = new WebClient(node);
    browser.signIn("owner@acme.example", PageUsers.PASSWORD);
    for (String path : new String[] {"/app/sign-in", "/app/reset", "/app/accounts/" + acme}) {
      HttpResponse<String> page = browser.get(path);
      assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).contains(Pages.CSP);
      assertThat(Pages.CSP).doesNotContain("unsafe-inline").contains("default-src 'none'");
      assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
      Document doc = Jsoup.parse(page.body());
      assertThat(doc.select("script:not([src])")).as(path).isEmpty();
      assertThat(doc.select("style, [style]")).as(path).isEmpty();
      assertThat(doc.getAllElements().stream().flatMap(e -> e.attributes().asList().stream()))
          .as(path)
          .noneMatch(a -> a.getKey().startsWith("on"));
      // Every form field has a label (or is hidden).
      for (Element input : doc.select("input:not([type=hidden])")) {
        assertThat(doc.select("label[for=" + input.id() + "]")).as(path).isNotEmpty();
      }
    }
  }

  @Test
  void assets_come_with_their_integrity_hash_and_are_cached_for_a_year() throws Exception {
    Document page = Jsoup.parse(new WebClient(node).get("/app/sign-in").body());
    Element script = page.selectFirst("script[src]");
    Element css = page.selectFirst("link[rel=stylesheet]");
    assertThat(script.attr("src")).startsWith("/app/assets/htmx-2.0.4.");
    for (Element asset : new Element[] {script, css}) {
      String url = asset.hasAttr("src") ? asset.attr("src") : asset.attr("href");
      HttpResponse<byte[]> file =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(node.url(url)).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(file.headers().firstValue("Cache-Control"))
          .contains("public, max-age=31536000, immutable");
      String sri =
          "sha384-"
              + Base64.getEncoder()
                  .encodeToString(MessageDigest.getInstance("SHA-384").digest(file.body()));
      assertThat(asset.attr("integrity")).isEqualTo(sri);
    }
    assertThat(node.get("/app/assets/nothing.js", "").statusCode()).isEqualTo(404);
  }

  @Test
  void pages_speak_ukrainian_first_then_the_browsers_language_then_the_users_choice()
      throws Exception {
    assertThat(lang(new WebClient(node).get("/app/sign-in"))).isEqualTo("uk");
    HttpResponse<String> english =
        node.send(
            HttpRequest.newBuilder(node.url("/app/sign-in"))
                .header("Accept-Language", "en-GB,en;q=0.8")
                .build());
    assertThat(lang(english)).isEqualTo("en");
    assertThat(Jsoup.parse(english.body()).select("h1").text()).isEqualTo("Sign in to Herald");

    WebClient owner = new WebClient(node);
    owner.signIn("owner@acme.example", PageUsers.PASSWORD);
    owner.get("/app/accounts/" + acme);
    HttpResponse<String> switched =
        owner.post("/app/language", Map.of("lang", "en", "back", "/app/accounts/" + acme));
    assertThat(switched.headers().firstValue("Location")).contains("/app/accounts/" + acme);
    // Kept with the user: another browser, after signing in, shows English too.
    WebClient elsewhere = new WebClient(node);
    elsewhere.signIn("owner@acme.example", PageUsers.PASSWORD);
    HttpResponse<String> dashboard = elsewhere.get("/app/accounts/" + acme);
    assertThat(lang(dashboard)).isEqualTo("en");
    assertThat(Jsoup.parse(dashboard.body()).select("h2").text()).isEqualTo("Recent campaigns");
    owner.post("/app/language", Map.of("lang", "uk", "back", "/app"));
  }

  @Test
  void the_language_switch_goes_back_only_to_our_own_pages() throws Exception {
    WebClient browser = new WebClient(node);
    browser.get("/app/sign-in");
    for (String back : new String[] {"https://evil.example/", "//evil.example/app", "/app/\r\nx"}) {
      browser.get("/app/sign-in");
      HttpResponse<String> answer =
          browser.post("/app/language", Map.of("lang", "en", "back", back));
      assertThat(answer.headers().firstValue("Location")).as(back).contains("/app");
    }
    assertThat(browser.post("/app/language", Map.of("lang", "ru", "back", "/app")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void errors_under_the_pages_are_pages_in_the_readers_language() throws Exception {
    HttpResponse<String> missing =
        node.send(
            HttpRequest.newBuilder(node.url("/app/no-such-page"))
                .header("Accept-Language", "en")
                .build());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(Jsoup.parse(missing.body()).select("h1").text()).isEqualTo("There is no such page");
    WebClient owner = new WebClient(node);
    owner.signIn("owner@acme.example", PageUsers.PASSWORD);
    assertThat(owner.get("/app/accounts/not-an-id").statusCode()).isEqualTo(404);
  }

  @Test
  void the_admin_api_refuses_bad_users_with_problems() throws Exception {
    assertThat(add("{\"email\":\"a@b.example\\r\\nBcc: c@d.example\",\"role\":\"admin\"}"))
        .isEqualTo(400);
    assertThat(add("{\"email\":\"x@herald.example\",\"role\":\"owner\"}")).isEqualTo(400);
    assertThat(add("{\"email\":\"x@herald.example\",\"role\":\"god\"}")).isEqualTo(400);
    assertThat(
            add("{\"email\":\"x@herald.example\",\"role\":\"admin\",\"account\":\"" + acme + "\"}"))
        .isEqualTo(400);
    assertThat(
            add(
                "{\"email\":\"x@herald.example\",\"role\":\"owner\",\"account\":\"0123456789abcdef\"}"))
        .isEqualTo(404);
    assertThat(
            add(
                "{\"email\":\"owner@acme.example\",\"role\":\"owner\",\"account\":\""
                    + acme
                    + "\"}"))
        .isEqualTo(409);
    assertThat(
            node.post(
                    "/api/admin/users",
                    "hk_not-the-admin",
                    "application/json",
                    "{\"email\":\"x@herald.example\",\"role\":\"admin\"}".getBytes())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void deleting_an_account_removes_its_people_and_ends_their_sessions() throws Exception {
    String doomed = PageUsers.accountOf(node, node.createAccount("Doomed"));
    PageUsers.ready(node, "owner@doomed.example", "owner", doomed);
    WebClient owner = new WebClient(node);
    owner.signIn("owner@doomed.example", PageUsers.PASSWORD);
    assertThat(owner.get("/app/accounts/" + doomed).statusCode()).isEqualTo(200);

    HttpResponse<String> deleted =
        node.send(
            HttpRequest.newBuilder(node.url("/api/admin/accounts/" + doomed))
                .header("Authorization", "Bearer " + TestNode.ADMIN_TOKEN)
                .DELETE()
                .build());
    assertThat(deleted.statusCode()).isEqualTo(204);

    assertThat(owner.get("/app/accounts/" + doomed).statusCode()).isEqualTo(303);
    assertThat(new WebClient(node).signIn("owner@doomed.example", PageUsers.PASSWORD).statusCode())
        .isEqualTo(401);
    // Nothing of the person is left: the email is free again.
    assertThat(add("{\"email\":\"owner@doomed.example\",\"role\":\"support\"}")).isEqualTo(201);
  }

  private static int add(String json) throws Exception {
    HttpResponse<String> answer =
        node.post("/api/admin/users", TestNode.ADMIN_TOKEN, "application/json", json.getBytes());
    if (answer.statusCode() != 201) {
      assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
    return answer.statusCode();
  }

  private static String lang(HttpResponse<String> page) {
    return Jsoup.parse(page.body()).selectFirst("html").attr("lang");
  }
}
