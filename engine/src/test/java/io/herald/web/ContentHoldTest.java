package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.config.HeraldConfig;
import io.herald.config.PolicyConfig;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prohibited content (R7) in a real node over HTTP, delivering to GreenMail: a campaign the
 * classifier flags is held for an administrator when it is started — before its canary, so not one
 * message of it goes while an ordinary campaign started after it is delivered — and shows in the
 * review queue with the reason; approving it starts its canary, rejecting it ends it unsent.
 */
class ContentHoldTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final String FLAGGED_SUBJECT = "Знайомства для дорослих";

  @TempDir Path data;
  TestNode node;
  String key;

  @BeforeEach
  void start() throws Exception {
    start(TestNode.canaryConfig(data));
  }

  private void start(HeraldConfig base) throws Exception {
    if (node != null) {
      node.close();
    }
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            Clock.systemUTC());
    key = node.createAccount("Night Club");
    node.attestDomain(key, "club.example");
    StringBuilder csv = new StringBuilder("email\n");
    for (int i = 1; i <= 30; i++) {
      csv.append("m").append(i).append("@example.com\n");
    }
    node.importFile(key, "members", "members.csv", csv.toString().getBytes(UTF_8));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aFlaggedCampaignIsHeldBeforeItsCanaryAndApprovalStartsIt() throws Exception {
    String flagged =
        campaign(
            FLAGGED_SUBJECT,
            "<p>Самотні жінки поруч чекають: <a href=\\\"https://hot-dating.example/join\\\">анкети</a></p>");
    JsonNode held = node.json(post("/api/campaigns/" + flagged + "/start", key, ""));
    assertThat(held.get("state").asText()).isEqualTo("held");
    assertThat(held.has("phase")).isFalse();

    // An ordinary campaign started after it goes out (its canary of 3): workers are running, and
    // still nothing of the held one was sent.
    String ordinary = campaign("Winter menu", "<p>Book your table for the holidays.</p>");
    assertThat(
            node.json(post("/api/campaigns/" + ordinary + "/start", key, "")).get("phase").asText())
        .isEqualTo("canary");
    Await.until(() -> mail.getReceivedMessages().length, n -> n == 3);
    assertThat(subjects()).containsOnly("Winter menu");
    JsonNode status = node.json(node.get("/api/campaigns/" + flagged, key));
    assertThat(status.get("state").asText()).isEqualTo("held");
    assertThat(status.path("stats").path("all").path("delivered").asLong()).isZero();
    assertThat(status.path("canary").path("audit").findValuesAsText("actor"))
        .containsExactly("content");

    // The review queue shows it with the reason: the category, what matched and where.
    JsonNode queue = node.json(node.get("/api/admin/review", TestNode.ADMIN_TOKEN)).get("held");
    assertThat(queue).hasSize(1);
    JsonNode review = queue.get(0);
    assertThat(review.get("id").asText()).isEqualTo(flagged);
    assertThat(review.path("canary").path("decision").asText()).isEqualTo("content-hold");
    assertThat(review.path("canary").path("report").asText())
        .startsWith("prohibited content (R7) suspected:\ndating (dating or escort services)")
        .contains("\"Знайомства\" in subject", "\"Самотні\" in body", "hot-dating.example");

    // Approval releases it to its canary, not to its whole audience.
    HttpResponse<String> approved =
        post("/api/admin/review/" + flagged + "/approve", TestNode.ADMIN_TOKEN, "");
    assertThat(approved.statusCode()).isEqualTo(200);
    Await.until(() -> mail.getReceivedMessages().length, n -> n == 6);
    assertThat(subjects().stream().filter(FLAGGED_SUBJECT::equals)).hasSize(3);
    JsonNode released = node.json(node.get("/api/campaigns/" + flagged, key));
    assertThat(released.get("phase").asText()).isEqualTo("canary");
    assertThat(released.path("canary").path("size").asInt()).isEqualTo(3);
    assertThat(released.path("canary").path("audit").findValuesAsText("action"))
        .containsExactly("held", "approved", "started");
    assertThat(node.json(node.get("/api/admin/review", TestNode.ADMIN_TOKEN)).get("held"))
        .isEmpty();
  }

  @Test
  void aRejectedFlaggedCampaignNeverSendsAndAnOrdinaryOneIsNotHeld() throws Exception {
    String flagged = campaign("Viagra without prescription", "<p>Discreet shipping.</p>");
    assertThat(
            node.json(post("/api/campaigns/" + flagged + "/start", key, "")).get("state").asText())
        .isEqualTo("held");
    HttpResponse<String> rejected =
        post(
            "/api/admin/review/" + flagged + "/reject",
            TestNode.ADMIN_TOKEN,
            "{\"reason\": \"prescription drugs (R7)\"}");
    assertThat(rejected.statusCode()).isEqualTo(200);

    String ordinary = campaign("Our staff picks for December", "<p>Twelve new novels.</p>");
    post("/api/campaigns/" + ordinary + "/start", key, "");
    Await.until(() -> mail.getReceivedMessages().length, n -> n == 3);
    assertThat(subjects()).containsOnly("Our staff picks for December");
    JsonNode status = node.json(node.get("/api/campaigns/" + flagged, key));
    assertThat(status.get("state").asText()).isEqualTo("rejected");
    assertThat(status.path("canary").path("rejection").asText())
        .isEqualTo("prescription drugs (R7)");
  }

  @Test
  void withoutCanariesApprovalSendsToTheWholeAudience() throws Exception {
    start(TestNode.config(data.resolve("no-canary")));
    String flagged = campaign("Форекс-сигнали", "<p>Торгові сигнали щодня.</p>");
    assertThat(
            node.json(post("/api/campaigns/" + flagged + "/start", key, "")).get("state").asText())
        .isEqualTo("held");
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(
            post("/api/admin/review/" + flagged + "/approve", TestNode.ADMIN_TOKEN, "")
                .statusCode())
        .isEqualTo(200);
    Await.until(() -> mail.getReceivedMessages().length, n -> n == 30);
    assertThat(subjects()).containsOnly("Форекс-сигнали");
    JsonNode done =
        Await.until(
            () -> node.json(node.get("/api/campaigns/" + flagged, key)),
            c -> c.get("state").asText().equals("completed"));
    assertThat(done.path("stats").path("all").path("delivered").asLong()).isEqualTo(30);
  }

  @Test
  void anOperatorMayTurnTheCheckOff() throws Exception {
    HeraldConfig base = TestNode.canaryConfig(data.resolve("off"));
    start(
        base.withPolicy(
            new PolicyConfig(base.policy().blockedRegions(), "off", base.policy().plans())));
    String flagged = campaign("Форекс-сигнали", "<p>Торгові сигнали щодня.</p>");
    JsonNode started = node.json(post("/api/campaigns/" + flagged + "/start", key, ""));
    assertThat(started.get("state").asText()).isEqualTo("sending");
    assertThat(started.get("phase").asText()).isEqualTo("canary");
    Await.until(() -> mail.getReceivedMessages().length, n -> n == 3);
  }

  private String campaign(String subject, String html) throws Exception {
    String body =
        "{\"list\": \"members\", \"fromAddress\": \"news@club.example\", \"subject\": \""
            + subject
            + "\", \"html\": \""
            + html
            + "\"}";
    HttpResponse<String> created = post("/api/campaigns", key, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return node.json(created).get("id").asText();
  }

  private List<String> subjects() throws MessagingException {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      subjects.add(message.getSubject());
    }
    return subjects;
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return node.post(path, token, "application/json", body.getBytes(UTF_8));
  }
}
