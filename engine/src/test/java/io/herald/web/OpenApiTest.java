package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.herald.app.HeraldNode;
import io.herald.campaign.Campaign;
import io.herald.channel.viber.ViberPreviews;
import io.herald.config.HeraldConfig;
import io.herald.testing.Await;
import io.herald.testing.RecordingGateway;
import io.herald.testing.TestNode;
import io.herald.testing.ViberCampaigns;
import io.herald.web.pages.AppPages;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in OpenAPI document ({@code engine/src/main/resources/openapi.json}) is valid
 * OpenAPI, names exactly the routes the running node serves, describes real answers correctly, and
 * is what {@code GET /openapi.json} serves.
 */
class OpenApiTest {
  static final Path DOCUMENT = Path.of("src/main/resources/openapi.json");
  static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  @RegisterExtension
  static GreenMailExtension mail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path data;
  static TestNode node;
  static JsonNode doc;
  static final ObjectMapper json = HeraldNode.objectMapper();
  static final SchemaRegistry schemas =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @BeforeAll
  static void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            java.time.Clock.systemUTC(),
            TestNode.sms(new RecordingGateway()));
    doc = json.readTree(Files.readString(DOCUMENT));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void theDocumentIsValidOpenApi() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIParser().readContents(Files.readString(DOCUMENT), null, options);
    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    assertThat(result.getOpenAPI().getComponents().getSecuritySchemes())
        .containsKeys("apiKey", "adminToken");
    // Every schema the contract names is there.
    assertThat(doc.path("components").path("schemas").fieldNames())
        .toIterable()
        .contains(
            "Account",
            "List",
            "Import",
            "ImportRow",
            "Suppression",
            "Campaign",
            "Canary",
            "CanaryReview",
            "Event",
            "MessageStatus",
            "Template",
            "Webhook",
            "WebhookDelivery",
            "WebhookEvent",
            "ApiKey",
            "Problem",
            "AccountPage",
            "ListPage",
            "CampaignPage");
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() {
    // The pages people sign in to (/app) are HTML for people, not API: docs/pages.md lists them.
    Set<String> registered =
        node.node().httpEndpoints().stream()
            .filter(e -> !AppPages.isApp(e.substring(e.indexOf(' ') + 1)))
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    Set<String> documented = new TreeSet<>();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                METHODS.forEach(
                    method -> {
                      if (path.getValue().has(method)) {
                        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                      }
                    }));
    assertThat(documented).isEqualTo(new TreeSet<>(registered));
  }

  @Test
  void everyApiOperationStatesItsSecurityAndProblems() {
    doc.path("paths")
        .properties()
        .forEach(
            path -> {
              for (String method : METHODS) {
                JsonNode op = path.getValue().path(method);
                if (op.isMissingNode() || !path.getKey().startsWith("/api/")) {
                  continue;
                }
                String scheme = path.getKey().startsWith("/api/admin/") ? "adminToken" : "apiKey";
                assertThat(op.path("security").get(0).has(scheme)).as(path.getKey()).isTrue();
                assertThat(op.path("responses").has("401")).as(path.getKey()).isTrue();
                assertThat(op.path("responses").has("429")).as(path.getKey()).isTrue();
              }
            });
    assertThat(doc.at("/components/responses/TooManyRequests/headers/Retry-After").isMissingNode())
        .isFalse();
    assertThat(doc.at("/paths/~1api~1messages/post/parameters/0/name").asText())
        .isEqualTo("Idempotency-Key");
  }

  @Test
  void realAnswersMatchTheirDocumentedSchemas() throws Exception {
    HttpResponse<String> created =
        node.post(
            "/api/admin/accounts",
            TestNode.ADMIN_TOKEN,
            "application/json",
            "{\"name\":\"Schema Co\"}".getBytes(UTF_8));
    matches("/api/admin/accounts", "post", created);
    matches(
        "/api/admin/users",
        "post",
        node.post(
            "/api/admin/users",
            TestNode.ADMIN_TOKEN,
            "application/json",
            "{\"email\":\"staff@herald.example\",\"role\":\"support\"}".getBytes(UTF_8)));
    String key = node.json(created).get("apiKey").asText();
    node.attestDomain(key, "acme.example");
    node.attestDomain(key, "shop.example");
    matches(
        "/api/domains",
        "post",
        node.post(
            "/api/domains",
            key,
            "application/json",
            "{\"name\":\"schema.example\",\"ed25519\":true}".getBytes(UTF_8)));
    matches("/api/domains", "get", node.get("/api/domains", key));
    matches("/api/domains/{name}", "get", node.get("/api/domains/acme.example", key));
    matches(
        "/api/admin/accounts",
        "get",
        node.get("/api/admin/accounts?limit=1", TestNode.ADMIN_TOKEN));

    JsonNode job =
        node.importFile(
            key, "customers", "c.txt", "ann@example.com\nnot-an-email\n".getBytes(UTF_8));
    String importId = job.get("id").asText();
    matches("/api/imports/{id}", "get", node.get("/api/imports/" + importId, key));
    matches("/api/imports", "get", node.get("/api/imports", key));
    matches("/api/imports/{id}/rows", "get", node.get("/api/imports/" + importId + "/rows", key));
    matches("/api/lists", "get", node.get("/api/lists", key));
    matches("/api/lists/{name}", "get", node.get("/api/lists/customers", key));

    HttpResponse<String> suppressed =
        node.post(
            "/api/suppressions",
            key,
            "application/json",
            "{\"email\":\"bob@example.com\",\"reason\":\"asked\"}".getBytes(UTF_8));
    matches("/api/suppressions", "post", suppressed);
    matches("/api/suppressions", "get", node.get("/api/suppressions", key));

    HttpResponse<String> campaign =
        node.post(
            "/api/campaigns",
            key,
            "application/json",
            json.writeValueAsBytes(
                Map.of(
                    "list", "customers",
                    "fromAddress", "news@acme.example",
                    "subject", "Hello",
                    "html", "<p>Hi</p>")));
    matches("/api/campaigns", "post", campaign);
    String campaignId = node.json(campaign).get("id").asText();
    matches("/api/campaigns/{id}", "get", node.get("/api/campaigns/" + campaignId, key));
    matches("/api/campaigns", "get", node.get("/api/campaigns", key));
    viberCampaign(key);
    matches(
        "/api/campaigns/{id}/events",
        "get",
        node.get("/api/campaigns/" + campaignId + "/events", key));
    matches("/api/admin/review", "get", node.get("/api/admin/review", TestNode.ADMIN_TOKEN));

    HttpResponse<String> sent =
        node.post(
            "/api/messages",
            key,
            "application/json",
            json.writeValueAsBytes(
                Map.of(
                    "to", List.of("ann@example.org", "bob@example.org"),
                    "from", "orders@shop.example",
                    "subject", "Order 42",
                    "text", "Shipped.")));
    matches("/api/messages", "post", sent);
    String messageId = node.json(sent).get("id").asText();
    HttpResponse<String> status =
        Await.until(
            () -> node.get("/api/messages/" + messageId, key),
            r -> r.body().contains("\"status\":\"delivered\",\"source\""));
    matches("/api/messages/{id}", "get", status);
    matches("/api/messages", "get", node.get("/api/messages", key));
    HttpResponse<String> sms =
        node.post(
            "/api/messages",
            key,
            "application/json",
            json.writeValueAsBytes(
                Map.of(
                    "channel", "sms", "to", "+380501234567", "from", "ShopUA", "text", "Code 1")));
    matches("/api/messages", "post", sms);
    String smsId = node.json(sms).get("id").asText();
    matches(
        "/api/messages/{id}",
        "get",
        Await.until(
            () -> node.get("/api/messages/" + smsId, key),
            r -> r.body().contains("\"status\":\"submitted\",\"source\"")));
    matches(
        "/api/sms/preview",
        "post",
        node.post(
            "/api/sms/preview", key, "application/json", "{\"text\":\"Привіт\"}".getBytes(UTF_8)));
    matches(
        "/api/sms/preview",
        "post",
        node.post("/api/sms/preview", key, "application/json", "{\"text\":\"\"}".getBytes(UTF_8)));

    HttpResponse<String> template =
        node.send(
            HttpRequest.newBuilder(node.url("/api/templates/welcome"))
                .header("Authorization", "Bearer " + key)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"subject\":\"Hi\",\"text\":\"Hi\"}"))
                .build());
    matches("/api/templates/{name}", "put", template);
    matches("/api/templates/{name}", "get", node.get("/api/templates/welcome", key));
    matches("/api/templates", "get", node.get("/api/templates", key));
    matches("/health", "get", node.get("/health", key));

    // Problems: a bad request, a missing token, an unknown resource.
    matches("/api/campaigns", "get", node.get("/api/campaigns?limit=0", key));
    matches(
        "/api/campaigns",
        "post",
        node.post("/api/campaigns", key, "application/json", "{".getBytes(UTF_8)));
    matches("/api/lists", "get", node.get("/api/lists", "hk_wrong"));
    matches("/api/campaigns/{id}", "get", node.get("/api/campaigns/0000000000000000", key));
    matches(
        "/api/messages",
        "post",
        node.post("/api/messages", key, "application/json", "{\"to\":\"a\r\nb\"}".getBytes(UTF_8)));
  }

  /**
   * A Viber campaign: its create request as documented (refused with a 422, since this node sends
   * no Viber), and one stored as a Viber node would store it, as GET and the list show it.
   */
  private static void viberCampaign(String key) throws Exception {
    Map<String, Object> viber =
        Map.of(
            "imageUrl", "https://cdn.acme.example/sale.png",
            "buttonCaption", "Shop now",
            "buttonUrl", "https://acme.example/sale",
            "ttlSeconds", 7200,
            "fallback", Map.of("text", "Hi {{name}} by SMS", "sender", "AcmeShop"));
    Map<String, Object> request =
        Map.of(
            "channel", "viber",
            "list", "customers",
            "fromAddress", "Acme Shop",
            "text", "Hi {{name}}",
            "viber", viber);
    assertThat(
            validator(doc.at("/components/schemas/CampaignRequest"))
                .validate(json.valueToTree(request)))
        .isEmpty();
    matches(
        "/api/campaigns",
        "post",
        node.post("/api/campaigns", key, "application/json", json.writeValueAsBytes(request)));
    Campaign stored =
        ViberCampaigns.draft(
            node.node().accounts().authenticate(key).orElseThrow().id(), "customers", true);
    node.node().campaignStore().create(stored);
    HttpResponse<String> shown = node.get("/api/campaigns/" + stored.id(), key);
    assertThat(node.json(shown).get("viber")).isEqualTo(json.valueToTree(viber));
    matches("/api/campaigns/{id}", "get", shown);
    matches("/api/campaigns", "get", node.get("/api/campaigns", key));
    // Its preview, as the route builds it on a node that sends Viber (ViberPreviewTest asks one
    // over HTTP): the composed message and the SMS fallback as an SMS campaign's preview shows it.
    Map<String, Object> preview =
        ViberViews.preview(
            stored,
            new ViberPreviews(
                    node.node().audience(), "https://h.example", 10, new SplittableRandom(1))
                .preview(stored, "+380501234501"));
    JsonNode schema =
        doc.at("/paths/~1api~1campaigns~1{id}~1preview/post/responses/200/content")
            .path("application/json")
            .path("schema");
    assertThat(validator(schema).validate(json.valueToTree(preview))).isEmpty();
  }

  @Test
  void theDocumentIsServedAsCheckedIn() throws Exception {
    HttpResponse<byte[]> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.url("/openapi.json")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(response.body()).isEqualTo(Files.readAllBytes(DOCUMENT));
  }

  /**
   * Asserts that the answer's status is documented for the operation and its body validates against
   * the schema documented for that status and content type.
   */
  static void matches(String path, String method, HttpResponse<String> response) throws Exception {
    String status = Integer.toString(response.statusCode());
    JsonNode documented = doc.path("paths").path(path).path(method).path("responses").path(status);
    assertThat(documented.isMissingNode())
        .as("%s %s does not document %s: %s", method, path, status, response.body())
        .isFalse();
    if (documented.has("$ref")) {
      documented = doc.at(documented.get("$ref").asText().substring(1));
    }
    String contentType =
        response.headers().firstValue("Content-Type").orElseThrow().split(";")[0].strip();
    JsonNode schema = documented.path("content").path(contentType).path("schema");
    assertThat(schema.isMissingNode())
        .as("%s %s %s has no %s schema", method, path, status, contentType)
        .isFalse();
    List<Error> errors = validator(schema).validate(json.readTree(response.body()));
    assertThat(errors)
        .as("%s %s %s: %s", method, path, status, response.body())
        .extracting(Error::toString)
        .isEmpty();
  }

  /** The schema, with the whole document around it so that its references resolve. */
  static Schema validator(JsonNode schema) {
    ObjectNode root = json.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", doc.get("components"));
    root.putArray("allOf").add(schema);
    return schemas.getSchema(root);
  }
}
