package io.herald.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.HeraldConfig;
import io.herald.config.TrackingConfig;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in over real HTTP against a real node: the session id changes at sign-in, the cookie's
 * flags, CSRF tokens, the limits on attempts, sessions ending, and hostile input.
 */
class SignInTest {
  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  TestNode node;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig config = TestNode.config(data);
    node =
        TestNode.start(
            config.withHttp(config.http().withSignIn(config.http().signIn().withAttempts(3, 12))),
            clock);
    PageUsers.ready(node, "admin@herald.example", "admin", null);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void signing_in_replaces_the_session_id_and_a_planted_id_never_becomes_signed_in()
      throws Exception {
    WebClient browser = new WebClient(node);
    HttpResponse<String> form = browser.get("/app/sign-in");
    String before = browser.cookie(Sessions.COOKIE).orElseThrow();
    assertThat(form.statusCode()).isEqualTo(200);

    // An attacker's browser gets an id and plants it in the victim's browser.
    WebClient victim = new WebClient(node);
    victim.plantSession(before);
    victim.get("/app/sign-in");
    HttpResponse<String> signedIn =
        victim.post(
            "/app/sign-in",
            Map.of("email", "admin@herald.example", "password", PageUsers.PASSWORD));

    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).contains("/app/staff");
    String after = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(after).startsWith(Sessions.COOKIE + "=").doesNotContain(before);
    assertThat(victim.get("/app/staff").statusCode()).isEqualTo(200);
    // The planted id is worth nothing: the attacker is not signed in.
    assertThat(browser.get("/app/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void the_session_cookie_is_http_only_lax_and_limited_to_the_pages() throws Exception {
    HttpResponse<String> form = new WebClient(node).get("/app/sign-in");
    String cookie = form.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith(Sessions.COOKIE + "=")
        .contains("; Path=/app", "; HttpOnly", "; SameSite=Lax")
        .doesNotContain("Secure", "Max-Age", "Expires");
  }

  @Test
  void behind_an_https_base_url_the_cookie_is_secure() throws Exception {
    node.close();
    HeraldConfig config = TestNode.config(data);
    node =
        TestNode.start(
            config.withTracking(
                new TrackingConfig(
                    URI.create("https://mail.herald.example"), config.tracking().secret())),
            clock);
    String cookie =
        new WebClient(node).get("/app/sign-in").headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("; Secure", "; HttpOnly", "; SameSite=Lax");
  }

  @Test
  void a_post_without_the_sessions_csrf_token_is_refused_with_a_page() throws Exception {
    WebClient browser = new WebClient(node);
    browser.signIn("admin@herald.example", PageUsers.PASSWORD);
    browser.get("/app/staff");

    HttpResponse<String> none = browser.postRaw("/app/sign-out", Map.of());
    HttpResponse<String> wrong =
        browser.postRaw("/app/sign-out", Map.of("csrf", "x" + browser.csrf()));

    for (HttpResponse<String> refused : java.util.List.of(none, wrong)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(Jsoup.parse(refused.body()).select("h1").text()).isEqualTo("Вам це не дозволено");
    }
    assertThat(browser.get("/app/staff").statusCode()).isEqualTo(200); // still signed in
    assertThat(browser.post("/app/sign-out", Map.of()).statusCode()).isEqualTo(303);
    assertThat(browser.get("/app/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void a_sign_in_form_posted_without_a_session_is_refused() throws Exception {
    HttpResponse<String> refused =
        new WebClient(node)
            .postRaw(
                "/app/sign-in",
                Map.of(
                    "email",
                    "admin@herald.example",
                    "password",
                    PageUsers.PASSWORD,
                    "csrf",
                    "guess"));
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void failed_sign_ins_of_one_address_are_limited_until_the_window_ends() throws Exception {
    WebClient browser = new WebClient(node);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> wrong = browser.signIn("admin@herald.example", "not the password");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(Jsoup.parse(wrong.body()).select("[role=alert]").text())
          .isEqualTo("Неправильна електронна адреса або пароль.");
    }

    HttpResponse<String> limited = browser.signIn("ADMIN@herald.example", PageUsers.PASSWORD);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(Jsoup.parse(limited.body()).select("h1").text()).isEqualTo("Забагато спроб");

    clock.advance(SignInLimits.WINDOW);
    assertThat(browser.signIn("admin@herald.example", PageUsers.PASSWORD).statusCode())
        .isEqualTo(303);
  }

  @Test
  void one_client_is_limited_across_addresses() throws Exception {
    WebClient browser = new WebClient(node);
    // 12 attempts per client in this node's configuration; setting the password used none.
    for (int i = 0; i < 12; i++) {
      assertThat(browser.signIn("nobody" + i + "@herald.example", "whatever it is").statusCode())
          .isEqualTo(401);
    }
    assertThat(browser.signIn("admin@herald.example", PageUsers.PASSWORD).statusCode())
        .isEqualTo(429);
  }

  @Test
  void an_idle_session_ends_and_so_does_a_long_one() throws Exception {
    WebClient browser = new WebClient(node);
    browser.signIn("admin@herald.example", PageUsers.PASSWORD);
    clock.advance(Duration.ofMinutes(29));
    assertThat(browser.get("/app/staff").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(30));
    HttpResponse<String> ended = browser.get("/app/staff");
    assertThat(ended.statusCode()).isEqualTo(303);
    assertThat(ended.headers().firstValue("Location")).contains("/app/sign-in");

    browser.signIn("admin@herald.example", PageUsers.PASSWORD);
    for (int i = 0; i < 25; i++) { // busy for 12.5 hours, never idle for 30 minutes
      clock.advance(Duration.ofMinutes(30).minusSeconds(1));
      browser.get("/app/staff");
    }
    assertThat(browser.get("/app/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void an_email_with_a_line_break_gets_a_clear_error_and_signs_in_nobody() throws Exception {
    WebClient browser = new WebClient(node);
    browser.get("/app/sign-in");
    HttpResponse<String> refused =
        browser.post(
            "/app/sign-in",
            Map.of(
                "email",
                "admin@herald.example\r\nBcc: x@evil.example",
                "password",
                PageUsers.PASSWORD));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(refused.body()).select("[role=alert]").text())
        .isEqualTo("Це не електронна адреса.");
    assertThat(browser.get("/app/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void a_huge_form_is_refused_with_a_page_before_it_is_read() throws Exception {
    WebClient browser = new WebClient(node);
    browser.get("/app/sign-in");
    HttpResponse<String> refused =
        node.send(
            HttpRequest.newBuilder(node.url("/app/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Cookie", Sessions.COOKIE + "=" + browser.cookie(Sessions.COOKIE).orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString("email=" + "a".repeat(2_000_000)))
                .build());
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(
            Optional.ofNullable(Jsoup.parse(refused.body()).selectFirst("h1")).map(h -> h.text()))
        .contains("Запит завеликий");
  }
}
