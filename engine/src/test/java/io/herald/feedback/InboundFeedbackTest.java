package io.herald.feedback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.AccountId;
import io.herald.audience.ImportRequest;
import io.herald.campaign.Campaign;
import io.herald.campaign.Campaigns;
import io.herald.campaign.Phase;
import io.herald.config.HeraldConfig;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounces and complaints that arrive by mail, end to end: real delivered canary messages, real DSN
 * and ARF samples built around their signed Return-Path, handed in over HTTP the way an MTA would.
 * A DSN after delivery moves the recipient from delivered to bounced (once), suppresses a
 * hard-bounced address, and the canary sees it; anything not signed by us changes nothing.
 */
class InboundFeedbackTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static final Pattern HTTPS_LINK = Pattern.compile("<(https?://[^>]+)>");
  static final Pattern MAILTO_LINK = Pattern.compile("<mailto:([^>]+)>");

  @TempDir Path data;
  @TempDir Path files;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  TestNode node;
  AccountId account;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  Campaign startedCanary(int audience) throws Exception {
    HeraldConfig base = TestNode.canaryConfig(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort()))
                .withCanary(base.canary().withTiming(Duration.ofHours(6), Duration.ofHours(1))),
            clock);
    account = node.node().accounts().create("Sender Co").account().id();
    TestNode.attestDomain(node.node(), account, "sender.example");
    List<String> lines = new ArrayList<>(List.of("email,name"));
    for (int i = 1; i <= audience; i++) {
      lines.add("r" + i + "@example.com,Reader " + i);
    }
    Path file = Files.write(files.resolve("readers.csv"), lines, UTF_8);
    node.node()
        .imports()
        .runNow(
            new ImportRequest(account, "readers", file, "readers.csv", Optional.empty(), false));
    Campaign draft =
        node.node()
            .campaigns()
            .create(
                account,
                new Campaigns.Draft(
                    "readers",
                    Map.of(),
                    "Sender Co",
                    "news@sender.example",
                    Optional.empty(),
                    "Hello",
                    "<p>Hi {{name}}</p>",
                    Optional.empty()));
    return node.node().campaigns().start(account, draft.id());
  }

  long counter(Campaign c, Phase phase, String name) {
    return node.node().campaignStore().stats(account, c.id()).get(phase, name);
  }

  /** The values a sample needs, taken from a message Herald really delivered. */
  static Map<String, String> valuesOf(MimeMessage delivered) throws Exception {
    String returnPath = delivered.getHeader("Return-Path")[0].replaceAll("[<>\\s]", "");
    String listUnsubscribe = delivered.getHeader("List-Unsubscribe", " ");
    Matcher https = HTTPS_LINK.matcher(listUnsubscribe);
    Matcher mailto = MAILTO_LINK.matcher(listUnsubscribe);
    assertThat(https.find()).isTrue();
    assertThat(mailto.find()).isTrue();
    Map<String, String> values = new HashMap<>();
    values.put("BOUNCE_TO", returnPath);
    values.put("REPORT_SENDER", returnPath);
    values.put("RETURN_PATH", returnPath);
    values.put("UNSUB_URL", https.group(1));
    values.put("UNSUB_MAILTO", mailto.group(1));
    values.put("BODY_URL", https.group(1));
    return values;
  }

  HttpResponse<String> handIn(byte[] rfc822, String rcpt, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                node.url("/api/admin/inbound?rcpt=" + URLEncoder.encode(rcpt, UTF_8)))
            .header("Content-Type", "message/rfc822")
            .POST(HttpRequest.BodyPublishers.ofByteArray(rfc822));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return node.send(request.build());
  }

  @Test
  void aDsnAfterDeliveryTurnsTheCanaryDeliveryIntoAHardBounceOnceAndSuppressesTheAddress()
      throws Exception {
    Campaign campaign = startedCanary(40); // a canary of 4
    Await.until(() -> counter(campaign, Phase.CANARY, "delivered"), n -> n == 4);
    MimeMessage first = mail.getReceivedMessages()[0];
    String address =
        ((jakarta.mail.internet.InternetAddress) first.getAllRecipients()[0]).getAddress();
    Map<String, String> values = valuesOf(first);
    byte[] dsn = Samples.mail("postfix-user-unknown.eml", values);

    HttpResponse<String> anonymous = handIn(dsn, values.get("BOUNCE_TO"), null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(counter(campaign, Phase.CANARY, "bounced_hard")).isZero();

    HttpResponse<String> handed = handIn(dsn, values.get("BOUNCE_TO"), TestNode.ADMIN_TOKEN);
    assertThat(handed.statusCode()).isEqualTo(200);
    JsonNode body = node.json(handed);
    assertThat(body.get("outcome").asText()).isEqualTo("bounce");
    assertThat(body.get("campaign").asText()).isEqualTo(campaign.id().value());
    assertThat(body.get("counted").asBoolean()).isTrue();
    assertThat(counter(campaign, Phase.CANARY, "delivered")).isEqualTo(3);
    assertThat(counter(campaign, Phase.CANARY, "bounced_hard")).isEqualTo(1);
    assertThat(node.node().audience().suppressedAmong(account, List.of("e:" + address))).hasSize(1);

    // The same DSN again (MTAs retry; providers resend) changes nothing.
    JsonNode again = node.json(handIn(dsn, values.get("BOUNCE_TO"), TestNode.ADMIN_TOKEN));
    assertThat(again.get("counted").asBoolean()).isFalse();
    assertThat(counter(campaign, Phase.CANARY, "delivered")).isEqualTo(3);
    assertThat(counter(campaign, Phase.CANARY, "bounced_hard")).isEqualTo(1);
    assertThat(node.node().campaignStore().finals(account, campaign.id())).isEqualTo(4);

    // The canary scores the late bounce like any other.
    var decision = node.node().canaries().evaluate(account, campaign.id()).orElseThrow();
    assertThat(decision.report().text()).contains("hard bounces");
  }

  @Test
  void anArfReportComplainsForTheRightContactOnce() throws Exception {
    Campaign campaign = startedCanary(20); // a canary of 2
    Await.until(() -> counter(campaign, Phase.CANARY, "delivered"), n -> n == 2);
    MimeMessage second = mail.getReceivedMessages()[1];
    String address =
        ((jakarta.mail.internet.InternetAddress) second.getAllRecipients()[0]).getAddress();
    byte[] arf = Samples.mail("yahoo-arf.eml", valuesOf(second));

    JsonNode body = node.json(handIn(arf, "fbl@herald.example", TestNode.ADMIN_TOKEN));
    assertThat(body.get("outcome").asText()).isEqualTo("complaint");
    assertThat(body.get("counted").asBoolean()).isTrue();
    JsonNode again = node.json(handIn(arf, "fbl@herald.example", TestNode.ADMIN_TOKEN));
    assertThat(again.get("counted").asBoolean()).isFalse();
    assertThat(counter(campaign, Phase.CANARY, "complained")).isEqualTo(1);
    assertThat(counter(campaign, Phase.CANARY, "delivered")).isEqualTo(2);
    assertThat(node.node().audience().suppressedAmong(account, List.of("e:" + address))).hasSize(1);
  }

  @Test
  void aMailToTheListUnsubscribeAddressUnsubscribesThatRecipient() throws Exception {
    Campaign campaign = startedCanary(20);
    Await.until(() -> counter(campaign, Phase.CANARY, "delivered"), n -> n == 2);
    MimeMessage first = mail.getReceivedMessages()[0];
    String address =
        ((jakarta.mail.internet.InternetAddress) first.getAllRecipients()[0]).getAddress();
    String mailto = valuesOf(first).get("UNSUB_MAILTO");
    byte[] request =
        "From: someone@example.com\r\nSubject: unsubscribe\r\n\r\nplease\r\n".getBytes(UTF_8);

    String forgedAddress = mailto.replaceAll("\\+[a-z2-7]{8}", "+aaaaaaaa");
    assertThat(
            node.json(handIn(request, forgedAddress, TestNode.ADMIN_TOKEN)).get("outcome").asText())
        .isEqualTo("unrecognised");
    // A bounce address is not an unsubscribe address, even though both are signed.
    String bounceAddress = valuesOf(first).get("RETURN_PATH");
    assertThat(
            node.json(handIn(request, bounceAddress, TestNode.ADMIN_TOKEN)).get("outcome").asText())
        .isEqualTo("unrecognised");
    assertThat(node.node().audience().suppressedAmong(account, List.of("e:" + address))).isEmpty();

    JsonNode body =
        node.json(handIn(request, mailto.toUpperCase(java.util.Locale.ROOT), TestNode.ADMIN_TOKEN));
    assertThat(body.get("outcome").asText()).isEqualTo("unsubscribe");
    assertThat(body.get("counted").asBoolean()).isTrue();
    assertThat(counter(campaign, Phase.CANARY, "unsubscribed")).isEqualTo(1);
    assertThat(node.node().audience().suppressedAmong(account, List.of("e:" + address))).hasSize(1);
  }

  @Test
  void reportsWithoutOurSignatureChangeNothing() throws Exception {
    Campaign campaign = startedCanary(20);
    Await.until(() -> counter(campaign, Phase.CANARY, "delivered"), n -> n == 2);
    Map<String, String> forged = valuesOf(mail.getReceivedMessages()[0]);
    forged.replaceAll((k, v) -> v.replaceAll("\\+[a-z2-7]{8}", "+aaaaaaaa"));
    forged.replaceAll((k, v) -> v.replaceAll("/u/[A-Za-z0-9_-]{8}", "/u/AAAAAAAA"));
    byte[] dsn = Samples.mail("postfix-user-unknown.eml", forged);

    JsonNode body = node.json(handIn(dsn, forged.get("BOUNCE_TO"), TestNode.ADMIN_TOKEN));
    assertThat(body.get("outcome").asText()).isEqualTo("unrecognised");
    byte[] garbage = "this is not a mail at all\r\n\r\n\u0000\u0001".getBytes(UTF_8);
    assertThat(
            node.json(handIn(garbage, "bounces@x", TestNode.ADMIN_TOKEN)).get("outcome").asText())
        .isEqualTo("unrecognised");
    assertThat(counter(campaign, Phase.CANARY, "delivered")).isEqualTo(2);
    assertThat(counter(campaign, Phase.CANARY, "bounced_hard")).isZero();
    assertThat(node.node().audience().suppressedAmong(account, List.of("e:r1@example.com")))
        .isEmpty();
  }
}
