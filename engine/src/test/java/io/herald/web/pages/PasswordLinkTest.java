package io.herald.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.config.HeraldConfig;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password links end to end: the reset link and the invitation arrive by mail (a real SMTP server,
 * GreenMail) in the user's language, set a password once, and stop working when their time is over
 * (a manual clock).
 */
class PasswordLinkTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Pattern LINK = Pattern.compile("http://localhost:8080(/app/\\S+)");

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  TestNode node;
  String acme;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            clock);
    acme = PageUsers.accountOf(node, node.createAccount("Acme"));
    PageUsers.ready(node, "owner@acme.example", "owner", acme);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void a_reset_link_arrives_by_mail_and_sets_the_password_once() throws Exception {
    WebClient browser = new WebClient(node);
    browser.get("/app/reset");
    HttpResponse<String> asked = browser.post("/app/reset", Map.of("email", "Owner@Acme.example"));
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(asked.body()).select("[role=status]").text())
        .startsWith("Якщо користувач із такою адресою існує");

    MimeMessage received = nextMail();
    assertThat(received.getAllRecipients()[0].toString()).isEqualTo("owner@acme.example");
    assertThat(received.getSubject()).isEqualTo("Відновлення пароля Herald");
    String link = link(received);

    assertThat(browser.setPassword(link, "a brand new passphrase").statusCode()).isEqualTo(303);
    assertThat(
            new WebClient(node).signIn("owner@acme.example", "a brand new passphrase").statusCode())
        .isEqualTo(303);
    assertThat(new WebClient(node).signIn("owner@acme.example", PageUsers.PASSWORD).statusCode())
        .isEqualTo(401);

    // Used once: the same link now says it does not work, and sets nothing.
    WebClient again = new WebClient(node);
    HttpResponse<String> used = again.get(link.substring(link.indexOf("/app/")));
    assertThat(used.statusCode()).isEqualTo(404);
    assertThat(Jsoup.parse(used.body()).select("h1").text()).isEqualTo("Це посилання не діє");
    assertThat(
            again
                .post(
                    link.substring(link.indexOf("/app/")), Map.of("password", "attacker's choice!"))
                .statusCode())
        .isEqualTo(404);
    assertThat(new WebClient(node).signIn("owner@acme.example", "attacker's choice!").statusCode())
        .isEqualTo(401);
  }

  @Test
  void a_password_reset_ends_every_session_signed_in_with_the_old_password() throws Exception {
    WebClient thief = new WebClient(node);
    thief.signIn("owner@acme.example", PageUsers.PASSWORD);
    assertThat(thief.get("/app/accounts/" + acme).statusCode()).isEqualTo(200);

    WebClient owner = new WebClient(node);
    owner.get("/app/reset");
    owner.post("/app/reset", Map.of("email", "owner@acme.example"));
    assertThat(owner.setPassword(link(nextMail()), "only the owner knows").statusCode())
        .isEqualTo(303);

    assertThat(thief.get("/app/accounts/" + acme).statusCode()).isEqualTo(303);
    owner.signIn("owner@acme.example", "only the owner knows");
    assertThat(owner.get("/app/accounts/" + acme).statusCode()).isEqualTo(200);
  }

  @Test
  void a_reset_link_expires() throws Exception {
    WebClient browser = new WebClient(node);
    browser.get("/app/reset");
    browser.post("/app/reset", Map.of("email", "owner@acme.example"));
    String path = link(nextMail()).replaceFirst("^http://localhost:8080", "");

    clock.advance(Duration.ofHours(1));
    HttpResponse<String> expired = browser.get(path);
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(Jsoup.parse(expired.body()).select("h1").text())
        .isEqualTo("Термін дії посилання минув");
  }

  @Test
  void a_forged_link_sets_nothing() throws Exception {
    WebClient browser = new WebClient(node);
    assertThat(browser.get("/app/reset/forged.token").statusCode()).isEqualTo(404);
    assertThat(browser.get("/app/reset/" + "A".repeat(40) + "." + "B".repeat(43)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void an_unknown_email_gets_the_same_answer_and_no_mail() throws Exception {
    WebClient browser = new WebClient(node);
    browser.get("/app/reset");
    HttpResponse<String> asked = browser.post("/app/reset", Map.of("email", "nobody@acme.example"));
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(asked.body()).select("[role=status]").text())
        .startsWith("Якщо користувач із такою адресою існує");
    // A known address's mail, asked for after, is the first one to arrive.
    browser.get("/app/reset");
    browser.post("/app/reset", Map.of("email", "owner@acme.example"));
    assertThat(nextMail().getAllRecipients()[0].toString()).isEqualTo("owner@acme.example");
    assertThat(mail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void the_owner_invites_a_member_who_chooses_a_password_and_signs_in() throws Exception {
    WebClient owner = new WebClient(node);
    owner.signIn("owner@acme.example", PageUsers.PASSWORD);
    owner.get("/app/accounts/" + acme);
    owner.post("/app/language", Map.of("lang", "en", "back", "/app"));
    owner.get("/app/accounts/" + acme + "/invite");
    HttpResponse<String> invited =
        owner.post("/app/accounts/" + acme + "/invite", Map.of("email", "ann@acme.example"));
    assertThat(invited.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(invited.body()).select("[role=status]").text())
        .isEqualTo("Invitation sent to ann@acme.example");

    MimeMessage received = nextMail();
    assertThat(received.getSubject()).isEqualTo("You are invited to Herald");
    assertThat(text(received)).contains("Acme", "member");
    WebClient ann = new WebClient(node);
    assertThat(ann.setPassword(link(received), "anns own passphrase").statusCode()).isEqualTo(303);
    HttpResponse<String> signedIn = ann.signIn("ann@acme.example", "anns own passphrase");
    assertThat(signedIn.headers().firstValue("Location")).contains("/app/accounts/" + acme);

    HttpResponse<String> twice =
        owner.post("/app/accounts/" + acme + "/invite", Map.of("email", "ann@acme.example"));
    assertThat(twice.statusCode()).isEqualTo(409);
  }

  @Test
  void a_weak_password_is_refused_with_the_reason_and_the_link_still_works() throws Exception {
    String link =
        PageUsers.add(node, "new@acme.example", "member", acme).get("passwordLink").asText();
    WebClient browser = new WebClient(node);
    HttpResponse<String> weak = browser.setPassword(link, "short");
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(weak.body()).select("[role=alert]").text())
        .isEqualTo("Пароль закороткий: щонайменше 10 символів.");
    assertThat(browser.setPassword(link, "long enough now").statusCode()).isEqualTo(303);
  }

  @Test
  void an_email_with_a_line_break_is_refused_with_a_clear_error_and_nothing_is_sent()
      throws Exception {
    String hostile = "owner@acme.example\r\nBcc: spy@evil.example";
    WebClient browser = new WebClient(node);
    browser.get("/app/reset");
    HttpResponse<String> reset = browser.post("/app/reset", Map.of("email", hostile));
    assertThat(reset.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(reset.body()).select("[role=alert]").text())
        .isEqualTo("Це не електронна адреса.");

    WebClient owner = new WebClient(node);
    owner.signIn("owner@acme.example", PageUsers.PASSWORD);
    owner.get("/app/accounts/" + acme + "/invite");
    HttpResponse<String> invite =
        owner.post("/app/accounts/" + acme + "/invite", Map.of("email", hostile));
    assertThat(invite.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(invite.body()).select("[role=alert]").text())
        .isEqualTo("Це не електронна адреса.");
    assertThat(mail.getReceivedMessages()).isEmpty(); // refused before any mail was queued
  }

  private static MimeMessage nextMail() {
    assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage[] all = mail.getReceivedMessages();
    return all[all.length - 1];
  }

  private static String text(MimeMessage message) {
    try {
      return (String) message.getContent();
    } catch (Exception e) {
      throw new AssertionError("the mail has no readable text", e);
    }
  }

  private static String link(MimeMessage message) {
    Matcher m = LINK.matcher(text(message));
    assertThat(m.find()).as("a link in the mail").isTrue();
    return m.group();
  }
}
