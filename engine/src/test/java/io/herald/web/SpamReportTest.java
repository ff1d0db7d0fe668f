package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.testing.TestNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public spam-report form over real HTTP: pasted headers of a real composed message make a
 * complaint for the right campaign and contact; anything not signed by Herald records nothing.
 */
class SpamReportTest {
  @TempDir Path data;
  TestNode node;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void pastedHeadersOfOurMessageComplainAndSuppressThatContactOnly() throws Exception {
    node = TestNode.start(data);
    String key = node.createAccount("Sender Co");
    node.attestDomain(key, "sender.example");
    node.importFile(
        key, "news", "news.csv", "email\nann@example.com\nbob@example.com\n".getBytes(UTF_8));
    String id =
        node.json(
                node.post(
                    "/api/campaigns",
                    key,
                    "application/json",
                    """
                    {"list": "news", "fromAddress": "news@sender.example",
                     "subject": "Hi", "html": "<p>Hi <a href=\\"https://shop.example/\\">shop</a></p>"}"""
                        .getBytes(UTF_8)))
            .get("id")
            .asText();
    String rfc822 =
        node.json(
                node.post(
                    "/api/campaigns/" + id + "/preview",
                    key,
                    "application/json",
                    "{\"email\": \"ann@example.com\"}".getBytes(UTF_8)))
            .get("rfc822")
            .asText();
    String headers = rfc822.substring(0, rfc822.indexOf("\r\n\r\n"));

    HttpResponse<String> form =
        node.send(HttpRequest.newBuilder(node.url("/report")).GET().build());
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<form method=\"post\"").doesNotContain("<script");

    String forged =
        headers
            .replaceAll("/u/[A-Za-z0-9_-]+", "/u/AnV5TFbhAKAYD0lJOiG0T8AdABZlOnVzZXIzMzI1QGV4")
            .replaceAll("unsub\\+[a-z2-7]+", "unsub+pfgfnyiauama6skjhiq3it6adua")
            .replaceAll("bounces\\+[a-z2-7]+", "bounces+pfgfnyiauama6skjhiq3it6adua");
    assertThat(forged).isNotEqualTo(headers);
    HttpResponse<String> refused = report(forged);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Nothing was recorded");
    assertThat(node.get("/api/suppressions", key).body()).doesNotContain("ann@example.com");

    HttpResponse<String> accepted = report(headers);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(report(headers).statusCode()).isEqualTo(200); // a second report counts nothing more

    String suppressions = node.get("/api/suppressions", key).body();
    assertThat(suppressions).contains("ann@example.com").contains("spam complaint (form)");
    assertThat(suppressions).doesNotContain("bob@example.com");
    AccountId account = node.node().accounts().authenticate(key).orElseThrow().id();
    assertThat(
            node.node()
                .campaignStore()
                .stats(account, new CampaignId(id))
                .get(Phase.ALL, "complained"))
        .isEqualTo(1);
  }

  private HttpResponse<String> report(String evidence) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url("/report"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "evidence=" + URLEncoder.encode(evidence, UTF_8)))
            .build());
  }
}
