package io.herald.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each role may see, over real HTTP: an account's users see its pages and no other account's;
 * members may not invite; staff pages are for staff, and a reviewer may not read the accounts that
 * support and administrators read.
 */
class AccessTest {
  @TempDir static Path data;
  static TestNode node;
  static String acme;
  static String globex;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    acme = PageUsers.accountOf(node, node.createAccount("Acme"));
    globex = PageUsers.accountOf(node, node.createAccount("Globex"));
    PageUsers.ready(node, "owner@acme.example", "owner", acme);
    PageUsers.ready(node, "member@acme.example", "member", acme);
    PageUsers.ready(node, "owner@globex.example", "owner", globex);
    PageUsers.ready(node, "reviewer@herald.example", "reviewer", null);
    PageUsers.ready(node, "support@herald.example", "support", null);
    PageUsers.ready(node, "admin@herald.example", "admin", null);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static WebClient as(String email) throws Exception {
    WebClient browser = new WebClient(node);
    assertThat(browser.signIn(email, PageUsers.PASSWORD).statusCode()).isEqualTo(303);
    return browser;
  }

  @Test
  void each_person_starts_at_their_own_home() throws Exception {
    assertThat(as("member@acme.example").get("/app").headers().firstValue("Location"))
        .contains("/app/accounts/" + acme);
    assertThat(as("reviewer@herald.example").get("/app").headers().firstValue("Location"))
        .contains("/app/staff");
    HttpResponse<String> dashboard = as("member@acme.example").get("/app/accounts/" + acme);
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(dashboard.body()).select("h1").text()).isEqualTo("Acme");
  }

  @Test
  void a_user_of_one_account_cannot_see_another_accounts_pages() throws Exception {
    for (String email : new String[] {"member@acme.example", "owner@acme.example"}) {
      WebClient browser = as(email);
      assertThat(browser.get("/app/accounts/" + globex).statusCode()).isEqualTo(403);
      assertThat(browser.get("/app/accounts/" + globex + "/invite").statusCode()).isEqualTo(403);
      HttpResponse<String> refused = browser.get("/app/accounts/" + globex);
      assertThat(refused.body()).doesNotContain("Globex");
    }
    // Nor can staff reach an account's own pages through them.
    assertThat(as("admin@herald.example").get("/app/accounts/" + acme).statusCode()).isEqualTo(403);
  }

  @Test
  void nobody_signed_out_sees_any_page_but_is_sent_to_sign_in() throws Exception {
    WebClient browser = new WebClient(node);
    for (String path :
        new String[] {"/app", "/app/accounts/" + acme, "/app/staff", "/app/staff/accounts"}) {
      HttpResponse<String> answer = browser.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(303);
      assertThat(answer.headers().firstValue("Location")).as(path).contains("/app/sign-in");
    }
  }

  @Test
  void only_the_owner_may_invite_members() throws Exception {
    assertThat(as("owner@acme.example").get("/app/accounts/" + acme + "/invite").statusCode())
        .isEqualTo(200);
    WebClient member = as("member@acme.example");
    assertThat(member.get("/app/accounts/" + acme + "/invite").statusCode()).isEqualTo(403);
    member.get("/app/accounts/" + acme);
    assertThat(
            member
                .post(
                    "/app/accounts/" + acme + "/invite",
                    java.util.Map.of("email", "friend@acme.example"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_reviewer_cannot_read_the_accounts_that_support_and_administrators_read() throws Exception {
    WebClient reviewer = as("reviewer@herald.example");
    HttpResponse<String> refused = reviewer.get("/app/staff/accounts");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain("Globex");
    assertThat(Jsoup.parse(reviewer.get("/app/staff").body()).select("a[href=/app/staff/accounts]"))
        .isEmpty();

    for (String email : new String[] {"support@herald.example", "admin@herald.example"}) {
      HttpResponse<String> list = as(email).get("/app/staff/accounts");
      assertThat(list.statusCode()).as(email).isEqualTo(200);
      assertThat(Jsoup.parse(list.body()).select("tbody td:first-child").eachText())
          .contains("Acme", "Globex");
    }
  }

  @Test
  void an_account_user_cannot_open_staff_pages() throws Exception {
    WebClient owner = as("owner@acme.example");
    assertThat(owner.get("/app/staff").statusCode()).isEqualTo(403);
    assertThat(owner.get("/app/staff/accounts").statusCode()).isEqualTo(403);
  }
}
