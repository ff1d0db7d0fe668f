package io.herald.web.pages;

import io.herald.testing.TestNode;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;

/**
 * A browser as far as the pages' tests need one: real HTTP with a cookie jar, redirects not
 * followed (so tests see each 303), forms posted with the CSRF token of the page they came from.
 */
final class WebClient {
  private final TestNode node;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private String lastCsrf = "";

  WebClient(TestNode node) {
    this.node = node;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpResponse<String> get(String path) throws Exception {
    return remember(
        http.send(
            HttpRequest.newBuilder(node.url(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** Posts {@code fields} with the CSRF token of the last page read. */
  HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.putIfAbsent("csrf", lastCsrf);
    return postRaw(path, withToken);
  }

  /** Posts exactly {@code fields}: no token unless given. */
  HttpResponse<String> postRaw(String path, Map<String, String> fields) throws Exception {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return remember(
        http.send(
            HttpRequest.newBuilder(node.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** Signs in through the form; the answer to the POST. */
  HttpResponse<String> signIn(String email, String password) throws Exception {
    get("/app/sign-in");
    return post("/app/sign-in", Map.of("email", email, "password", password));
  }

  /** Sets a password through a link's page (its path); the answer to the POST. */
  HttpResponse<String> setPassword(String link, String password) throws Exception {
    String path = URI.create(link).getPath();
    get(path);
    return post(path, Map.of("password", password));
  }

  Optional<String> cookie(String name) {
    return cookies.getCookieStore().get(node.url("/app/")).stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  /** Replaces the session cookie, as an attacker who planted one would. */
  void plantSession(String id) {
    cookies.getCookieStore().removeAll();
    HttpCookie cookie = new HttpCookie(Sessions.COOKIE, id);
    cookie.setPath("/app");
    cookie.setDomain(node.url("/app").getHost()); // as the jar stores the server's own
    cookie.setVersion(0);
    cookies.getCookieStore().add(node.url("/app"), cookie);
  }

  String csrf() {
    return lastCsrf;
  }

  private HttpResponse<String> remember(HttpResponse<String> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("text/html")) {
      var token = Jsoup.parse(response.body()).selectFirst("input[name=csrf]");
      if (token != null && !token.attr("value").isEmpty()) {
        lastCsrf = token.attr("value");
      }
    }
    return response;
  }
}
