package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.campaign.CampaignId;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import io.herald.tracking.Engagement;
import io.herald.tracking.EngagementClassifier.Verdict;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every list endpoint pages the same way over real HTTP: {@code limit} and {@code cursor} in, the
 * items and {@code next} out. Walking a list larger than a page sees each item once, also when
 * items are added between pages; {@code next} is null on the last page; a bad limit or cursor is a
 * 400 problem.
 */
class PaginationApiTest {
  @TempDir Path data;
  TestNode node;
  String key;
  // A clock that stands still: everything is created in the same millisecond, so the sort keys
  // tie and the tie-breaking is what keeps pages apart.
  final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T08:00:00Z"));
  final ObjectMapper json = HeraldNode.objectMapper();

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(data, clock);
    key = node.createAccount("Pager");
    node.attestDomain(key, "acme.example");
  }

  @AfterEach
  void stop() {
    node.close();
  }

  /** Walks every page of {@code path} with {@code limit}, running {@code between} after each. */
  List<JsonNode> walk(String path, String token, String items, int limit, Between between)
      throws Exception {
    List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String query =
          (path.contains("?") ? "&" : "?")
              + "limit="
              + limit
              + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, UTF_8));
      HttpResponse<String> response = node.get(path + query, token);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode page = node.json(response);
      assertThat(page.get(items).size()).isLessThanOrEqualTo(limit);
      assertThat(page.has("next")).isTrue();
      page.get(items).forEach(seen::add);
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      if (cursor != null) {
        assertThat(page.get(items).size()).isEqualTo(limit);
      }
      between.run(++pages);
    } while (cursor != null);
    return seen;
  }

  @FunctionalInterface
  interface Between {
    void run(int page) throws Exception;
  }

  static Between nothing() {
    return page -> {};
  }

  static List<String> texts(List<JsonNode> items, String field) {
    return items.stream().map(i -> i.get(field).asText()).toList();
  }

  HttpResponse<String> postJson(String path, String token, Object body) throws Exception {
    return node.post(path, token, "application/json", json.writeValueAsBytes(body));
  }

  void suppress(String email) throws Exception {
    assertThat(postJson("/api/suppressions", key, Map.of("email", email)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void suppressionsAreWalkedOnceEachWhileMoreArrive() throws Exception {
    for (int i = 0; i < 25; i++) {
      suppress(String.format("s%02d@example.com", i));
    }
    List<String> addedMeanwhile = new ArrayList<>();
    List<JsonNode> seen =
        walk(
            "/api/suppressions",
            key,
            "suppressions",
            10,
            page -> {
              // One sorts before everything seen, one among what is still to come.
              String early = "a" + page + "@example.com";
              String late = "s" + page + "5x@example.com";
              suppress(early);
              suppress(late);
              addedMeanwhile.add(early);
              addedMeanwhile.add(late);
            });
    List<String> emails = texts(seen, "email");
    assertThat(emails).doesNotHaveDuplicates();
    for (int i = 0; i < 25; i++) {
      assertThat(emails).contains(String.format("s%02d@example.com", i));
    }
    assertThat(emails).isSorted();
    assertThat(emails).allMatch(e -> e.startsWith("s") || addedMeanwhile.contains(e));
  }

  @Test
  void accountsListsImportsAndTemplatesPageWithoutGapsOrDuplicates() throws Exception {
    for (int i = 0; i < 6; i++) {
      node.createAccount("Other " + i);
    }
    List<JsonNode> accounts =
        walk(
            "/api/admin/accounts",
            TestNode.ADMIN_TOKEN,
            "accounts",
            3,
            page -> {
              if (page == 1) {
                node.createAccount("Late");
              }
            });
    // Every account there from the start, once; the late one (created in the same instant, so
    // placed by its random id) may fall before or after where the walk stood.
    assertThat(texts(accounts, "name"))
        .doesNotHaveDuplicates()
        .contains("Pager", "Other 0", "Other 1", "Other 2", "Other 3", "Other 4", "Other 5");

    for (int i = 0; i < 5; i++) {
      JsonNode job =
          node.importFile(
              key, "list " + i, "l.txt", ("a" + i + "@example.com\nbad-" + i).getBytes(UTF_8));
      assertThat(job.get("status").asText()).isEqualTo("completed");
    }
    assertThat(texts(walk("/api/lists", key, "lists", 2, nothing()), "name"))
        .containsExactly("list 0", "list 1", "list 2", "list 3", "list 4");
    List<JsonNode> imports = walk("/api/imports", key, "imports", 2, nothing());
    assertThat(texts(imports, "id")).hasSize(5).doesNotHaveDuplicates();

    for (String name : List.of("welcome", "reset", "receipt", "invoice", "bye")) {
      HttpResponse<String> put =
          node.send(
              HttpRequest.newBuilder(node.url("/api/templates/" + name))
                  .header("Authorization", "Bearer " + key)
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          json.writeValueAsString(
                              Map.of("subject", "S " + name, "text", "Hi {{name}}"))))
                  .build());
      assertThat(put.statusCode()).isEqualTo(200);
    }
    List<JsonNode> templates = walk("/api/templates", key, "templates", 2, nothing());
    assertThat(texts(templates, "name"))
        .containsExactly("bye", "invoice", "receipt", "reset", "welcome");
    assertThat(templates.getFirst().get("subject").asText()).isEqualTo("S bye");
  }

  @Test
  void theFirstCampaignsAreAllSeenWhenNewOnesArriveBetweenPages() throws Exception {
    node.importFile(key, "news", "n.txt", "a@example.com".getBytes(UTF_8));
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      before.add(createCampaign("news", "Hello " + i));
    }
    List<String> walked =
        texts(
            walk(
                "/api/campaigns",
                key,
                "campaigns",
                3,
                page -> createCampaign("news", "During " + page)),
            "id");
    assertThat(walked).doesNotHaveDuplicates().containsAll(before);
  }

  String createCampaign(String list, String subject) throws Exception {
    HttpResponse<String> created =
        postJson(
            "/api/campaigns",
            key,
            Map.of(
                "list",
                list,
                "fromAddress",
                "news@acme.example",
                "subject",
                subject,
                "html",
                "<p>hi</p>"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return node.json(created).get("id").asText();
  }

  @Test
  void importRowsPageByCursorAndStillByOffset() throws Exception {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      file.append("bad-").append(i).append('\n');
    }
    file.append("ok@example.com\n");
    String id =
        node.importFile(key, "rows", "r.txt", file.toString().getBytes(UTF_8)).get("id").asText();
    List<JsonNode> rows = walk("/api/imports/" + id + "/rows", key, "rows", 3, nothing());
    assertThat(texts(rows, "value"))
        .containsExactly("bad-0", "bad-1", "bad-2", "bad-3", "bad-4", "bad-5", "bad-6");
    JsonNode byOffset = node.json(node.get("/api/imports/" + id + "/rows?offset=5&limit=3", key));
    assertThat(byOffset.get("offset").asLong()).isEqualTo(5);
    assertThat(texts(list(byOffset.get("rows")), "value")).containsExactly("bad-5", "bad-6");
    assertThat(byOffset.get("next").isNull()).isTrue();
    JsonNode first = node.json(node.get("/api/imports/" + id + "/rows?limit=3", key));
    String next = first.get("next").asText();
    assertProblem(
        node.get("/api/imports/" + id + "/rows?offset=1&cursor=" + next, key),
        "give offset or cursor, not both");
  }

  @Test
  void eventsPageNewestFirstPastOtherCampaignsEvents() throws Exception {
    node.importFile(key, "news", "n.txt", "a@example.com".getBytes(UTF_8));
    String mine = createCampaign("news", "Mine");
    String other = createCampaign("news", "Other");
    AccountId account = node.node().accounts().authenticate(key).orElseThrow().id();
    for (int i = 0; i < 9; i++) {
      record(account, mine, "e:r" + i + "@example.com", i);
      // More of another campaign's events than the store reads at once, between ours.
      for (int j = 0; j < 120; j++) {
        record(account, other, "e:o" + i + "-" + j + "@example.com", i);
      }
    }
    List<JsonNode> events = walk("/api/campaigns/" + mine + "/events", key, "events", 4, nothing());
    assertThat(texts(events, "email"))
        .containsExactly(
            "r8@example.com",
            "r7@example.com",
            "r6@example.com",
            "r5@example.com",
            "r4@example.com",
            "r3@example.com",
            "r2@example.com",
            "r1@example.com",
            "r0@example.com");

    // A cursor older than the log's oldest entry: the log was trimmed past it.
    Paging paging = new Paging("events:" + mine, 4, java.util.Optional.empty());
    assertProblem(
        node.get("/api/campaigns/" + mine + "/events?cursor=" + paging.seal("1-0"), key),
        "unknown or expired cursor");
  }

  void record(AccountId account, String campaign, String contact, int second) {
    node.node()
        .engagementStore()
        .record(
            new Engagement(
                account,
                new CampaignId(campaign),
                contact,
                Engagement.Kind.OPENED,
                new Verdict.Human(),
                "pixel",
                clock.instant().plusSeconds(second)));
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  @Test
  void badLimitsAndCursorsAre400Problems() throws Exception {
    node.importFile(key, "news", "n.txt", "a@example.com".getBytes(UTF_8));
    String campaign = createCampaign("news", "Hi");
    String importId =
        node.json(node.get("/api/imports", key)).get("imports").get(0).get("id").asText();
    String suppressionsCursor = new Paging("suppressions", 1, java.util.Optional.empty()).seal("x");
    Map<String, String> paths =
        Map.ofEntries(
            Map.entry("/api/admin/accounts", TestNode.ADMIN_TOKEN),
            Map.entry("/api/admin/review", TestNode.ADMIN_TOKEN),
            Map.entry("/api/lists", key),
            Map.entry("/api/imports", key),
            Map.entry("/api/imports/" + importId + "/rows", key),
            Map.entry("/api/suppressions", key),
            Map.entry("/api/campaigns", key),
            Map.entry("/api/campaigns/" + campaign + "/events", key),
            Map.entry("/api/messages", key),
            Map.entry("/api/templates", key));
    for (var entry : paths.entrySet()) {
      String path = entry.getKey();
      String token = entry.getValue();
      for (String limit : List.of("0", "-1", "1001", "x", "1e3", "%0D%0A")) {
        assertProblem(node.get(path + "?limit=" + limit, token), "limit must be");
      }
      for (String cursor : List.of("%25%25", "bm90LWEtY3Vyc29y", "a%0D%0Ab", "AAAA")) {
        assertProblem(node.get(path + "?cursor=" + cursor, token), "cursor");
      }
      if (!path.equals("/api/suppressions")) {
        // Another list's cursor is refused too.
        assertProblem(node.get(path + "?cursor=" + suppressionsCursor, token), "cursor");
      }
    }
  }

  static void assertProblem(HttpResponse<String> response, String detail) {
    assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body()).contains(detail);
  }
}
