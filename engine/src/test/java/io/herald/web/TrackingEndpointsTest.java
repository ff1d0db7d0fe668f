package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingSecret;
import io.herald.tracking.TrackingToken;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a recipient's mail client, browser, mailbox provider or link scanner does with the links of
 * a message, against a real node (embedded Redis, real HTTP), with the node's own signing key and a
 * clock moved by hand: only genuine tokens count, each contact once, machines apart; GET never
 * unsubscribes and POST always does, at once.
 */
class TrackingEndpointsTest {
  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";
  static final String EVIL_SENDER = "<script>alert(1)</script> & \"Co\"";

  @TempDir static Path data;
  static MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  static TestNode node;
  static TokenSigner signer;
  static String alice;
  static String aliceId;
  static String bob;

  String campaign;
  Instant sent;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data, clock);
    signer = TrackingSecret.signer(Optional.empty(), data, new SecureRandom());
    alice = node.createAccount("Alice Ltd");
    bob = node.createAccount("Bob Ltd");
    node.attestDomain(alice, "shop.example.com");
    aliceId = node.node().accounts().authenticate(alice).orElseThrow().id().value();
    node.importFile(
        alice,
        "news",
        // an English list: the unsubscribe page speaks the list's language (Ukrainian by default)
        "news.csv&language=en",
        "email\nann@example.com\nbob@example.com\ncid@example.com\n".getBytes(UTF_8));
    node.importFile(bob, "bobs", "b.csv", "email\nzed@example.com\n".getBytes(UTF_8));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void newCampaign() throws Exception {
    campaign = createCampaign(alice, "news", EVIL_SENDER);
    sent = clock.instant();
  }

  static String createCampaign(String key, String list, String fromName) throws Exception {
    return createCampaign(key, list, fromName, "news@shop.example.com");
  }

  static String createCampaign(String key, String list, String fromName, String fromAddress)
      throws Exception {
    return createCampaign(node, key, list, fromName, fromAddress);
  }

  /** An email campaign to {@code list}, created through the API of {@code node}. */
  static String createCampaign(
      TestNode node, String key, String list, String fromName, String fromAddress)
      throws Exception {
    String body =
        HeraldJson.write(
            Map.of(
                "list", list,
                "fromName", fromName,
                "fromAddress", fromAddress,
                "subject", "Sale",
                "html", "<p>Sale</p>"));
    HttpResponse<String> created =
        node.post("/api/campaigns", key, "application/json", body.getBytes(UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return node.json(created).get("id").asText();
  }

  /** Tiny JSON writer for request bodies, through the node's own mapper. */
  static final class HeraldJson {
    static String write(Object value) throws Exception {
      return io.herald.app.HeraldNode.objectMapper().writeValueAsString(value);
    }
  }

  String open(String contact) {
    return signer.sign(new TrackingToken.Open(aliceId, campaign, contact, sent));
  }

  String click(String contact, String url) {
    return signer.sign(new TrackingToken.Click(aliceId, campaign, contact, url, sent));
  }

  String unsubscribe(String contact) {
    return signer.sign(new TrackingToken.Unsubscribe(aliceId, campaign, contact));
  }

  static HttpResponse<byte[]> fetch(String method, String path, String agent) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.url(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (agent != null) {
      request.header("User-Agent", agent);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path))
            .header("Content-Type", contentType)
            .header("User-Agent", CHROME)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** The campaign's counters of one phase, as {@code GET /api/campaigns/{id}} shows them. */
  JsonNode stats(String phase) throws Exception {
    return node.json(node.get("/api/campaigns/" + campaign, alice)).path("stats").path(phase);
  }

  long count(String counter) throws Exception {
    return stats("all").path(counter).asLong();
  }

  JsonNode events() throws Exception {
    HttpResponse<String> response = node.get("/api/campaigns/" + campaign + "/events", alice);
    assertThat(response.statusCode()).isEqualTo(200);
    return node.json(response).get("events");
  }

  List<String> suppressions() throws Exception {
    return node.json(node.get("/api/suppressions", alice))
        .get("suppressions")
        .findValuesAsText("email");
  }

  String reasonOf(String email) throws Exception {
    for (JsonNode s : node.json(node.get("/api/suppressions", alice)).get("suppressions")) {
      if (email.equals(s.path("email").asText())) {
        return s.get("reason").asText();
      }
    }
    return null;
  }

  static String altered(String token) {
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    bytes[bytes.length / 2] ^= 0x01;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String otherKey(TrackingToken token) {
    return new TokenSigner("another-key-another-key-another-key!".getBytes(UTF_8)).sign(token);
  }

  void later() {
    clock.advance(Duration.ofMinutes(5));
  }

  // --- open pixel ---

  @Test
  void thePixelIsAlwaysAGifAndOnlyAGenuineOpenTokenCounts() throws Exception {
    later();
    String genuine = open("e:ann@example.com");
    List<String> paths =
        List.of(
            "/t/o/garbage.gif",
            "/t/o/" + altered(genuine) + ".gif",
            "/t/o/"
                + otherKey(new TrackingToken.Open(aliceId, campaign, "e:ann@example.com", sent))
                + ".gif",
            "/t/o/" + click("e:ann@example.com", "https://x.ua/") + ".gif",
            "/t/o/" + unsubscribe("e:ann@example.com") + ".gif",
            "/t/o/" + genuine,
            "/t/o/" + genuine + ".png");
    for (String path : paths) {
      HttpResponse<byte[]> pixel = fetch("GET", path, CHROME);
      assertThat(pixel.statusCode()).as(path).isEqualTo(200);
      assertThat(pixel.headers().firstValue("Content-Type")).contains("image/gif");
      assertThat(pixel.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
      assertThat(pixel.body()).hasSize(43).startsWith("GIF89a".getBytes(UTF_8));
    }
    assertThat(count("opened") + count("opened_machine")).isZero();
    assertThat(events()).isEmpty();

    assertThat(fetch("GET", "/t/o/" + genuine + ".gif", CHROME).statusCode()).isEqualTo(200);
    assertThat(count("opened")).isEqualTo(1);
  }

  @Test
  void anOpenCountsOncePerContact() throws Exception {
    later();
    for (int i = 0; i < 3; i++) {
      fetch("GET", "/t/o/" + open("e:ann@example.com") + ".gif", CHROME);
    }
    fetch("GET", "/t/o/" + open("e:bob@example.com") + ".gif", CHROME);
    assertThat(count("opened")).isEqualTo(2);
    assertThat(events()).hasSize(2);
  }

  @Test
  void opensOnArrivalThroughAPrivacyProxyOrByHeadAreMachines() throws Exception {
    clock.advance(Duration.ofSeconds(2)); // a gateway fetching images as the message arrives
    fetch("GET", "/t/o/" + open("e:ann@example.com") + ".gif", CHROME);
    assertThat(count("opened_machine")).isEqualTo(1);
    assertThat(count("opened")).isZero();

    later();
    fetch("GET", "/t/o/" + open("e:bob@example.com") + ".gif", "Mozilla/5.0"); // Apple MPP
    HttpResponse<byte[]> head = fetch("HEAD", "/t/o/" + open("e:cid@example.com") + ".gif", CHROME);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).contains("image/gif");
    assertThat(count("opened_machine")).isEqualTo(3);
    assertThat(count("opened")).isZero();

    fetch("GET", "/t/o/" + open("e:ann@example.com") + ".gif", CHROME); // Ann reads it now
    assertThat(count("opened")).isEqualTo(1);
    assertThat(events())
        .extracting(e -> e.get("email").asText() + " " + e.path("machineReason").asText("human"))
        .containsExactly(
            "ann@example.com human",
            "cid@example.com head_request",
            "bob@example.com privacy_proxy",
            "ann@example.com soon_after_sending");
  }

  // --- clicks ---

  @Test
  void aGenuineClickRedirectsToItsUrlAndCounts() throws Exception {
    later();
    HttpResponse<byte[]> response =
        fetch(
            "GET",
            "/t/c/" + click("e:ann@example.com", "https://shop.example.com/sale?a=1&b=2"),
            CHROME);
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .contains("https://shop.example.com/sale?a=1&b=2");
    assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(count("clicked")).isEqualTo(1);
    JsonNode event = events().get(0);
    assertThat(event.get("kind").asText()).isEqualTo("clicked");
    assertThat(event.get("human").asBoolean()).isTrue();
    assertThat(event.get("source").asText()).isEqualTo("link");
    assertThat(event.get("phase").asText()).isEqualTo("all");
  }

  @Test
  void forgedAlteredForeignOrNonWebClickTokensGiveNoRedirectAndCountNothing() throws Exception {
    later();
    String genuine = click("e:ann@example.com", "https://shop.example.com/");
    List<String> tokens =
        List.of(
            "garbage",
            altered(genuine),
            otherKey(
                new TrackingToken.Click(
                    aliceId, campaign, "e:ann@example.com", "https://evil.example/", sent)),
            open("e:ann@example.com"),
            unsubscribe("e:ann@example.com"),
            click("e:ann@example.com", "javascript:alert(document.cookie)"),
            click("e:ann@example.com", "//evil.example/"));
    for (String token : tokens) {
      HttpResponse<byte[]> response = fetch("GET", "/t/c/" + token, CHROME);
      assertThat(response.statusCode()).as(token).isEqualTo(404);
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(new String(response.body(), UTF_8)).contains("not valid");
    }
    assertThat(count("clicked") + count("clicked_machine")).isZero();
    assertThat(events()).isEmpty();
  }

  @Test
  void clicksOnArrivalByHeadOrByScannersAreMachinesButStillRedirect() throws Exception {
    clock.advance(Duration.ofSeconds(3));
    String url = "https://shop.example.com/a";
    assertThat(fetch("GET", "/t/c/" + click("e:ann@example.com", url), CHROME).statusCode())
        .isEqualTo(302);
    later();
    HttpResponse<byte[]> head = fetch("HEAD", "/t/c/" + click("e:bob@example.com", url), CHROME);
    assertThat(head.statusCode()).isEqualTo(302);
    assertThat(head.headers().firstValue("Location")).contains(url);
    fetch("GET", "/t/c/" + click("e:cid@example.com", url), "python-requests/2.31.0");
    fetch("GET", "/t/c/" + click("e:cid@example.com", url), null); // Java's own client's agent
    assertThat(count("clicked_machine")).isEqualTo(3);
    assertThat(count("clicked")).isZero();

    fetch("GET", "/t/c/" + click("e:ann@example.com", url), CHROME); // Ann herself, later
    assertThat(count("clicked")).isEqualTo(1);
  }

  @Test
  void everyLinkOfAMessageAtOnceIsAScanner() throws Exception {
    later();
    fetch("GET", "/t/c/" + click("e:ann@example.com", "https://shop.example.com/a"), CHROME);
    assertThat(count("clicked")).isEqualTo(1);
    clock.advance(Duration.ofMillis(300));
    fetch("GET", "/t/c/" + click("e:ann@example.com", "https://shop.example.com/b"), CHROME);
    clock.advance(Duration.ofMillis(300));
    fetch("GET", "/t/c/" + click("e:ann@example.com", "https://shop.example.com/c"), CHROME);
    assertThat(count("clicked")).isZero();
    assertThat(count("clicked_machine")).isEqualTo(1);
    assertThat(events().get(0).get("machineReason").asText()).isEqualTo("every_link_at_once");

    // Bob clicks one link twice, and another a minute later: a person
    fetch("GET", "/t/c/" + click("e:bob@example.com", "https://shop.example.com/a"), CHROME);
    clock.advance(Duration.ofMillis(300));
    fetch("GET", "/t/c/" + click("e:bob@example.com", "https://shop.example.com/a"), CHROME);
    clock.advance(Duration.ofMinutes(1));
    fetch("GET", "/t/c/" + click("e:bob@example.com", "https://shop.example.com/b"), CHROME);
    assertThat(count("clicked")).isEqualTo(1);
    assertThat(count("clicked_machine")).isEqualTo(1);
  }

  @Test
  void theLinksOfAComposedMessageLeadBackHere() throws Exception {
    String html = "<p>Hi</p><a href=\"https://shop.example.com/spring\">Spring</a>";
    String body =
        HeraldJson.write(
            Map.of(
                "list", "news",
                "fromName", "Shop",
                "fromAddress", "news@shop.example.com",
                "subject", "Sale",
                "html", html));
    campaign =
        node.json(node.post("/api/campaigns", alice, "application/json", body.getBytes(UTF_8)))
            .get("id")
            .asText();
    HttpResponse<String> preview =
        node.post(
            "/api/campaigns/" + campaign + "/preview",
            alice,
            "application/json",
            "{\"email\":\"bob@example.com\"}".getBytes(UTF_8));
    var message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(node.json(preview).get("rfc822").asText().getBytes(UTF_8)));
    var parts = (MimeMultipart) message.getContent();
    Document composed = Jsoup.parse((String) parts.getBodyPart(1).getContent());
    String pixel = composed.select("img").last().attr("src");
    String link = composed.select("a").first().attr("href");
    String unsubscribe =
        message.getHeader("List-Unsubscribe", null).replaceAll("(?s)^<([^>]+)>.*", "$1");

    later();
    fetch("GET", URI.create(pixel).getPath(), CHROME);
    HttpResponse<byte[]> click = fetch("GET", URI.create(link).getPath(), CHROME);
    assertThat(click.headers().firstValue("Location")).contains("https://shop.example.com/spring");
    post(
        URI.create(unsubscribe).getPath(),
        "application/x-www-form-urlencoded",
        "List-Unsubscribe=One-Click");

    assertThat(count("opened")).isEqualTo(1);
    assertThat(count("clicked")).isEqualTo(1);
    assertThat(count("unsubscribed")).isEqualTo(1);
    assertThat(reasonOf("bob@example.com")).isEqualTo("unsubscribed (one-click)");
  }

  // --- unsubscribe ---

  @Test
  void theUnsubscribePageNeverUnsubscribesAndEscapesEverything() throws Exception {
    String contact = "e:o'neil+<b>&\"x\"@example.com";
    String path = "/u/" + unsubscribe(contact);
    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> page = fetch("GET", path, CHROME);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("default-src 'none'");
      String html = new String(page.body(), UTF_8);
      assertThat(html).doesNotContain("<script>").doesNotContain("<b>");
      Document document = Jsoup.parse(html);
      assertThat(document.select("script")).isEmpty();
      assertThat(document.body().text())
          .contains(EVIL_SENDER)
          .contains("o'neil+<b>&\"x\"@example.com");
      var form = document.selectFirst("form");
      assertThat(form.attr("method")).isEqualTo("post");
      assertThat(form.hasAttr("action")).isFalse(); // posts back to the page's own URL
      assertThat(form.select("button[type=submit]")).hasSize(1);
    }
    fetch("HEAD", path, "Barracuda Sentinel");
    assertThat(suppressions()).doesNotContain("o'neil+<b>&\"x\"@example.com");
    assertThat(count("unsubscribed")).isZero();
    assertThat(events()).isEmpty();
  }

  @Test
  void thePagesButtonUnsubscribesAtOnceAndRepeatingItChangesNothing() throws Exception {
    String path = "/u/" + unsubscribe("e:ann@example.com");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> done = post(path, "application/x-www-form-urlencoded", "confirm=yes");
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(Jsoup.parse(done.body()).text())
          .contains("You are unsubscribed")
          .contains("ann@example.com")
          .contains(EVIL_SENDER);
      assertThat(done.body()).doesNotContain("<script>");
    }
    assertThat(reasonOf("ann@example.com")).isEqualTo("unsubscribed (link)");
    assertThat(count("unsubscribed")).isEqualTo(1);
    assertThat(events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("kind").asText()).isEqualTo("unsubscribed");
              assertThat(e.get("email").asText()).isEqualTo("ann@example.com");
              assertThat(e.get("source").asText()).isEqualTo("link");
              assertThat(e.get("human").asBoolean()).isTrue();
            });

    // a later import does not subscribe her again
    JsonNode job =
        node.importFile(
            alice,
            "fresh",
            "again.csv",
            "email\nANN@example.com\ndee@example.com\n".getBytes(UTF_8));
    assertThat(job.get("suppressed").asLong()).isEqualTo(1);
    assertThat(node.get("/api/lists/fresh/contacts", alice).body())
        .doesNotContain("ann@example.com")
        .contains("dee@example.com");
  }

  @Test
  void oneClickUnsubscribesFromMailboxProvidersWorkFormOrMultipartEncoded() throws Exception {
    HttpResponse<String> form =
        post(
            "/u/" + unsubscribe("e:gus@example.com"),
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click");
    assertThat(form.statusCode()).isEqualTo(200);

    String boundary = "----herald-test-boundary";
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> multi =
        post(
            "/u/" + unsubscribe("e:hal@example.com"),
            "multipart/form-data; boundary=" + boundary,
            multipart);
    assertThat(multi.statusCode()).isEqualTo(200);
    // and again, as providers retry
    post(
        "/u/" + unsubscribe("e:hal@example.com"),
        "multipart/form-data; boundary=" + boundary,
        multipart);

    assertThat(reasonOf("gus@example.com")).isEqualTo("unsubscribed (one-click)");
    assertThat(reasonOf("hal@example.com")).isEqualTo("unsubscribed (one-click)");
    assertThat(count("unsubscribed")).isEqualTo(2);
    assertThat(events()).hasSize(2).allMatch(e -> e.get("source").asText().equals("one-click"));
  }

  @Test
  void aForgedUnsubscribeDoesNothing() throws Exception {
    String genuine = unsubscribe("e:fay@example.com");
    List<String> forged =
        List.of(
            "garbage",
            altered(genuine),
            otherKey(new TrackingToken.Unsubscribe(aliceId, campaign, "e:fay@example.com")),
            open("e:fay@example.com"),
            click("e:fay@example.com", "https://x.ua/"));
    for (String token : forged) {
      assertThat(post("/u/" + token, "application/x-www-form-urlencoded", "confirm=yes"))
          .satisfies(r -> assertThat(r.statusCode()).isEqualTo(404))
          .satisfies(r -> assertThat(r.body()).contains("not valid"));
      assertThat(fetch("GET", "/u/" + token, CHROME).statusCode()).isEqualTo(404);
    }
    assertThat(suppressions()).doesNotContain("fay@example.com");
    assertThat(count("unsubscribed")).isZero();
  }

  @Test
  void anUnsubscribeForACampaignThatNoLongerExistsWritesNothing() throws Exception {
    String gone =
        signer.sign(new TrackingToken.Unsubscribe(aliceId, "00000000000000ff", "e:zoe@x.ua"));
    assertThat(post("/u/" + gone, "application/x-www-form-urlencoded", "").statusCode())
        .isEqualTo(200);
    assertThat(suppressions()).doesNotContain("zoe@x.ua");
  }

  // --- complaints (wired later to ARF reports and the spam form) ---

  @Test
  void aComplaintSuppressesTheContactAndCountsOnce() throws Exception {
    var engagements = node.node().engagements();
    for (int i = 0; i < 2; i++) {
      engagements.complained(
          new AccountId(aliceId), new CampaignId(campaign), "e:ivy@example.com", "arf");
    }
    assertThat(reasonOf("ivy@example.com")).isEqualTo("spam complaint (arf)");
    assertThat(count("complained")).isEqualTo(1);
    assertThat(events())
        .singleElement()
        .satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("complained"));
  }

  // --- the events API ---

  @Test
  void eventsAreTheAccountsOwnAndTheApiChecksItsParameters() throws Exception {
    later();
    fetch("GET", "/t/o/" + open("e:ann@example.com") + ".gif", CHROME);
    node.attestDomain(bob, "bob.example");
    String bobsCampaign = createCampaign(bob, "bobs", "Bob", "news@bob.example");

    assertThat(node.get("/api/campaigns/" + campaign + "/events", bob).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/campaigns/" + bobsCampaign + "/events", bob).body())
        .isEqualTo("{\"events\":[],\"next\":null}");
    assertThat(node.get("/api/campaigns/" + bobsCampaign + "/events", alice).statusCode())
        .isEqualTo(404);
    assertThat(node.get("/api/campaigns/" + campaign + "/events", "hk_wrong").statusCode())
        .isEqualTo(401);
    assertThat(node.get("/api/campaigns/not-an-id/events", alice).statusCode()).isEqualTo(404);
    for (String limit : List.of("0", "1001", "x")) {
      HttpResponse<String> bad =
          node.get("/api/campaigns/" + campaign + "/events?limit=" + limit, alice);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
    fetch("GET", "/t/o/" + open("e:bob@example.com") + ".gif", CHROME);
    assertThat(
            node.json(node.get("/api/campaigns/" + campaign + "/events?limit=1", alice))
                .get("events"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("email").asText()).isEqualTo("bob@example.com"));
  }

  @Test
  void theCampaignStatusShowsEveryEngagementCounter() throws Exception {
    JsonNode all = stats("all");
    for (String counter :
        List.of(
            "opened",
            "clicked",
            "opened_machine",
            "clicked_machine",
            "unsubscribed",
            "complained")) {
      assertThat(all.has(counter)).as(counter).isTrue();
    }
  }
}
