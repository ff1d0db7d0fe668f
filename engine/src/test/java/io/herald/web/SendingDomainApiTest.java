package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.HeraldConfig;
import io.herald.testing.TestDns;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sending domains over HTTP (R5): an account adds a domain and gets the records to publish; it is
 * verified by the TXT record found through a real DNS server on loopback ({@link TestDns}); a
 * second account takes it only by proving control itself, and the first loses it; an administrator
 * attests one, recorded in the account's audit trail.
 */
class SendingDomainApiTest {
  @TempDir Path data;
  TestDns dns;
  TestNode node;
  String alice;
  String bob;

  @BeforeEach
  void start() throws Exception {
    dns = new TestDns();
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(
                base.delivery()
                    .withVerificationDnsServer(dns.address())
                    .withReturnPathDomain("bounces.herald.example")),
            java.time.Clock.systemUTC());
    alice = node.createAccount("Alice");
    bob = node.createAccount("Bob");
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    dns.close();
  }

  HttpResponse<String> post(String path, String key, String json) throws Exception {
    return node.post(path, key, "application/json", json.getBytes(UTF_8));
  }

  HttpResponse<String> message(String key, String from) throws Exception {
    return post(
        "/api/messages",
        key,
        "{\"to\": [\"ann@example.com\"], \"from\": \""
            + from
            + "\", \"subject\": \"Receipt\", \"text\": \"Thanks\"}");
  }

  static String verificationValue(JsonNode domain) {
    return records(domain, "verification").getFirst().get("value").asText();
  }

  static List<JsonNode> records(JsonNode domain, String purpose) {
    List<JsonNode> out = new ArrayList<>();
    domain
        .get("records")
        .forEach(
            r -> {
              if (r.get("purpose").asText().equals(purpose)) {
                out.add(r);
              }
            });
    return out;
  }

  @Test
  void addingADomainReturnsTheRecordsToPublishAsJsonAndAsText() throws Exception {
    HttpResponse<String> added =
        post("/api/domains", alice, "{\"name\": \"Shop.Example\", \"ed25519\": true}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode domain = node.json(added);
    assertThat(domain.get("name").asText()).isEqualTo("shop.example");
    assertThat(domain.get("status").asText()).isEqualTo("pending");
    JsonNode verification = records(domain, "verification").getFirst();
    assertThat(verification.get("name").asText()).isEqualTo("_herald.shop.example");
    assertThat(verification.get("value").asText()).matches("herald-verify=[0-9a-f]{32}");
    List<JsonNode> dkim = records(domain, "dkim");
    assertThat(dkim).hasSize(2);
    assertThat(dkim.get(0).get("name").asText()).endsWith("._domainkey.shop.example");
    assertThat(dkim.get(0).get("value").asText()).startsWith("v=DKIM1; k=rsa; p=MII");
    assertThat(dkim.get(1).get("value").asText())
        .matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");
    assertThat(records(domain, "spf").getFirst().get("value").asText())
        .isEqualTo("v=spf1 include:bounces.herald.example ~all");
    assertThat(records(domain, "dmarc").getFirst().get("name").asText())
        .isEqualTo("_dmarc.shop.example");
    String text = domain.get("text").asText();
    assertThat(text)
        .contains("Name:  _herald.shop.example")
        .contains("Value: " + verification.get("value").asText())
        .contains("herald domain verify shop.example")
        .contains("\" \""); // the RSA key split into 255-character strings for strict panels

    JsonNode listed = node.json(node.get("/api/domains", alice)).get("domains");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("name").asText()).isEqualTo("shop.example");
    assertThat(node.get("/api/domains", bob).body()).doesNotContain("shop.example");
    assertThat(post("/api/domains", alice, "{\"name\": \"shop.example\"}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void aBadNameOrHeraldsOwnDomainIsRefusedAndNothingIsWritten() throws Exception {
    HttpResponse<String> bad = post("/api/domains", alice, "{\"name\": \"not a domain\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    HttpResponse<String> own = post("/api/domains", alice, "{\"name\": \"herald.example\"}");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(422);
    assertThat(node.json(own).get("detail").asText()).contains("Herald's own");
    assertThat(node.json(node.get("/api/domains", alice)).get("domains")).isEmpty();
  }

  @Test
  void aDomainIsVerifiedByItsTxtRecordAndThenItAndItsSubdomainsMaySend() throws Exception {
    JsonNode domain = node.json(post("/api/domains", alice, "{\"name\": \"shop.example\"}"));
    assertThat(message(alice, "orders@shop.example").statusCode()).isEqualTo(422);

    HttpResponse<String> early = post("/api/domains/shop.example/verify", alice, "");
    assertThat(early.statusCode()).isEqualTo(422);
    assertThat(node.json(early).get("detail").asText())
        .contains("_herald.shop.example")
        .contains(verificationValue(domain));

    dns.publishTxt("_herald.shop.example", "v=spf1 -all"); // other TXT records are ignored
    dns.publishTxt("_herald.shop.example", verificationValue(domain));
    HttpResponse<String> verified = post("/api/domains/shop.example/verify", alice, "");
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    assertThat(node.json(verified).get("status").asText()).isEqualTo("verified");
    assertThat(node.json(verified).get("verifiedBy").asText()).isEqualTo("dns");

    assertThat(message(alice, "orders@shop.example").statusCode()).isEqualTo(202);
    assertThat(message(alice, "news@mail.shop.example").statusCode()).isEqualTo(202);
    assertThat(message(alice, "x@othershop.example").statusCode()).isEqualTo(422);
    assertThat(message(bob, "orders@shop.example").statusCode()).isEqualTo(422);
  }

  @Test
  void aSecondAccountTakesADomainOnlyByProvingControlAndTheFirstLosesIt() throws Exception {
    JsonNode first = node.json(post("/api/domains", alice, "{\"name\": \"shop.example\"}"));
    dns.publishTxt("_herald.shop.example", verificationValue(first));
    assertThat(post("/api/domains/shop.example/verify", alice, "").statusCode()).isEqualTo(200);

    HttpResponse<String> claimed = post("/api/domains", bob, "{\"name\": \"shop.example\"}");
    assertThat(claimed.statusCode()).isEqualTo(201);
    JsonNode second = node.json(claimed);
    assertThat(second.get("status").asText()).isEqualTo("verified_by_another_account");
    assertThat(verificationValue(second)).isNotEqualTo(verificationValue(first));
    // Alice's record does not prove Bob's claim.
    HttpResponse<String> refused = post("/api/domains/shop.example/verify", bob, "");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(node.json(refused).get("detail").asText()).contains("verified by another account");
    assertThat(message(bob, "orders@shop.example").statusCode()).isEqualTo(422);
    assertThat(message(alice, "orders@shop.example").statusCode()).isEqualTo(202);

    dns.publishTxt("_herald.shop.example", verificationValue(second));
    assertThat(post("/api/domains/shop.example/verify", bob, "").statusCode()).isEqualTo(200);
    assertThat(message(bob, "orders@shop.example").statusCode()).isEqualTo(202);
    HttpResponse<String> lost = message(alice, "orders@shop.example");
    assertThat(lost.statusCode()).isEqualTo(422);
    assertThat(node.json(node.get("/api/domains/shop.example", alice)).get("status").asText())
        .isEqualTo("verified_by_another_account");
    String aliceId = node.node().accounts().authenticate(alice).orElseThrow().id().value();
    JsonNode audit =
        node.json(node.get("/api/admin/accounts/" + aliceId, TestNode.ADMIN_TOKEN)).get("audit");
    assertThat(audit.toString()).contains("domain_lost").contains("domain_verified");
  }

  @Test
  void anAdministratorAttestsADomainForAnAccountAndTheAuditTrailSaysWho() throws Exception {
    String bobId = node.node().accounts().authenticate(bob).orElseThrow().id().value();
    HttpResponse<String> attested =
        post(
            "/api/admin/accounts/" + bobId + "/domains",
            TestNode.ADMIN_TOKEN,
            "{\"name\": \"bob.example\", \"by\": \"olena\"}");
    assertThat(attested.statusCode()).as(attested.body()).isEqualTo(201);
    JsonNode domain = node.json(attested);
    assertThat(domain.get("status").asText()).isEqualTo("verified");
    assertThat(domain.get("verifiedBy").asText()).isEqualTo("admin:olena");
    assertThat(records(domain, "dkim")).hasSize(1);
    assertThat(message(bob, "hello@bob.example").statusCode()).isEqualTo(202);

    JsonNode audit =
        node.json(node.get("/api/admin/accounts/" + bobId, TestNode.ADMIN_TOKEN)).get("audit");
    assertThat(audit.get(0).get("action").asText()).isEqualTo("domain_attested");
    assertThat(audit.get(0).get("by").asText()).isEqualTo("olena");
    assertThat(audit.get(0).get("detail").asText()).isEqualTo("bob.example");
    // Only an administrator attests.
    assertThat(
            post("/api/admin/accounts/" + bobId + "/domains", bob, "{\"name\": \"x.example\"}")
                .statusCode())
        .isIn(401, 403);
  }

  @Test
  void aDeletedDomainMayNotSendAnyMore() throws Exception {
    node.attestDomain(alice, "shop.example");
    assertThat(message(alice, "orders@shop.example").statusCode()).isEqualTo(202);
    HttpResponse<String> deleted =
        node.send(
            HttpRequest.newBuilder(node.url("/api/domains/shop.example"))
                .header("Authorization", "Bearer " + alice)
                .DELETE()
                .build());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(message(alice, "orders@shop.example").statusCode()).isEqualTo(422);
    assertThat(node.get("/api/domains/shop.example", alice).statusCode()).isEqualTo(404);
  }

  @Test
  void aCampaignWhoseDomainWasLostAfterItsCreationIsRefusedAtStartAndStaysADraft()
      throws Exception {
    node.attestDomain(alice, "shop.example");
    node.importFile(alice, "news", "news.csv", "email\nann@example.com\n".getBytes(UTF_8));
    HttpResponse<String> created =
        post(
            "/api/campaigns",
            alice,
            "{\"list\": \"news\", \"fromAddress\": \"news@shop.example\", \"subject\": \"Hi\","
                + " \"html\": \"<p>Hi</p>\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = node.json(created).get("id").asText();
    node.send(
        HttpRequest.newBuilder(node.url("/api/domains/shop.example"))
            .header("Authorization", "Bearer " + alice)
            .DELETE()
            .build());

    HttpResponse<String> started = post("/api/campaigns/" + id + "/start", alice, "");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(422);
    assertThat(started.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(node.json(started).get("detail").asText()).contains("shop.example");
    assertThat(node.json(node.get("/api/campaigns/" + id, alice)).get("state").asText())
        .isEqualTo("draft");
  }

  @Test
  void aDeletedAccountsDomainsAreFreeAgain() throws Exception {
    node.attestDomain(alice, "shop.example");
    assertThat(
            node.json(post("/api/domains", bob, "{\"name\": \"shop.example\"}"))
                .get("status")
                .asText())
        .isEqualTo("verified_by_another_account");
    String aliceId = node.node().accounts().authenticate(alice).orElseThrow().id().value();
    HttpResponse<String> deleted =
        node.send(
            HttpRequest.newBuilder(node.url("/api/admin/accounts/" + aliceId))
                .header("Authorization", "Bearer " + TestNode.ADMIN_TOKEN)
                .DELETE()
                .build());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(node.json(node.get("/api/domains/shop.example", bob)).get("status").asText())
        .isEqualTo("pending");
  }
}
