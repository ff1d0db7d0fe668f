package io.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.account.Refusal;
import io.herald.app.HeraldNode;
import io.herald.channel.sms.SmsGateway;
import io.herald.config.DataConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import io.herald.config.ViberConfig;
import io.herald.message.TransactionalSms;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A real Herald node for tests: embedded Redis in a temporary directory, HTTP on a port the OS
 * picks, and a small HTTP client that makes real requests to it.
 */
public final class TestNode implements AutoCloseable {
  public static final String ADMIN_TOKEN = "ha_test-admin-token";

  private final HeraldNode node;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = HeraldNode.objectMapper();

  private TestNode(HeraldNode node) {
    this.node = node;
  }

  public static TestNode start(Path dataDir) throws IOException {
    return start(dataDir, Clock.systemUTC());
  }

  public static TestNode start(Path dataDir, Clock clock) throws IOException {
    return new TestNode(HeraldNode.start(config(dataDir), Optional.of(ADMIN_TOKEN), clock));
  }

  public static TestNode start(HeraldConfig config, Clock clock) throws IOException {
    return new TestNode(HeraldNode.start(config, Optional.of(ADMIN_TOKEN), clock));
  }

  /** A node that sends transactional SMS through {@code sms} (see RecordingGateway). */
  public static TestNode start(HeraldConfig config, Clock clock, TransactionalSms sms)
      throws IOException {
    return new TestNode(
        HeraldNode.start(config, Optional.of(ADMIN_TOKEN), clock, Optional.of(sms)));
  }

  /** Transactional SMS through {@code gateway}, the test encoder and the default sender rule. */
  public static TransactionalSms sms(SmsGateway gateway) {
    return new TransactionalSms(
        gateway,
        new TestSmsEncoder(),
        TransactionalSms::senderRule,
        TransactionalSms.Submissions.NONE);
  }

  public static HeraldConfig config(Path dataDir) {
    HeraldConfig defaults = HeraldConfig.defaults();
    // Mail goes to a loopback port where nothing listens unless a test says otherwise:
    // no test ever looks up or reaches a real mail server. Campaigns go to their whole audience
    // unless a test turns the canary on (see canaryConfig). Webhooks may go to receivers on
    // loopback (production refuses private targets; see webhook.WebhookApiTest).
    return defaults
        .withHttp(new HttpConfig("127.0.0.1", 0, defaults.http().maxUploadBytes()))
        .withData(new DataConfig(dataDir))
        .withDelivery(defaults.delivery().withSmarthost("127.0.0.1", 1))
        .withRelay(defaults.relay().withPort(0))
        .withMetrics(defaults.metrics().withPort(0))
        .withCanary(defaults.canary().withEnabled(false))
        .withWebhooks(defaults.webhooks().withAllowPrivateTargets(true))
        // Quotas (R9) only where a test is about them (plan.QuotaApiTest): others send thousands.
        .withoutQuotas();
  }

  /** The test configuration with canaries on, as in production (R6). */
  public static HeraldConfig canaryConfig(Path dataDir) {
    HeraldConfig config = config(dataDir);
    return config.withCanary(config.canary().withEnabled(true));
  }

  /**
   * {@code config} with the Viber channel on, its provider at a loopback port where nothing listens
   * (no test reaches a real provider; one that needs answers starts the simulator instead).
   */
  public static HeraldConfig withViber(HeraldConfig config) {
    ViberConfig v = config.viber();
    return config.withViber(
        new ViberConfig(
            true,
            URI.create("http://127.0.0.1:1"),
            "test-key",
            "test-secret",
            "test-signature-secret",
            v.callbackUrl(),
            v.pollInterval(),
            v.pollLookback(),
            v.requestTimeout(),
            v.callbackMaxAge()));
  }

  public HeraldNode node() {
    return node;
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + node.httpPort() + path);
  }

  /** A path on the metrics listener (loopback, its own port; see MetricsServer). */
  public URI metricsUrl(String path) {
    return URI.create("http://127.0.0.1:" + node.metricsPort().orElseThrow() + path);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  /** Creates an account through the admin API and returns its API key. */
  public String createAccount(String name) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(url("/api/admin/accounts"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("name", name))))
                .build());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("account creation failed: " + response.body());
    }
    return json.readTree(response.body()).get("apiKey").asText();
  }

  /**
   * Makes {@code domain} a verified sending domain of the account with this API key, as an
   * administrator attests one (R5: an account sends only from its own verified domains).
   */
  public void attestDomain(String apiKey, String domain) throws Exception {
    String account = node.accounts().authenticate(apiKey).orElseThrow().id().value();
    HttpResponse<String> response =
        post(
            "/api/admin/accounts/" + account + "/domains",
            ADMIN_TOKEN,
            "application/json",
            json.writeValueAsBytes(Map.of("name", domain)));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("attesting " + domain + " failed: " + response.body());
    }
  }

  /** The same for a node a test drives in-process, without HTTP. */
  public static void attestDomain(HeraldNode node, AccountId account, String domain)
      throws Refusal {
    node.sendingDomains().attest(account, domain, false, "test");
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token).GET().build());
  }

  public HttpResponse<String> post(String path, String token, String contentType, byte[] body)
      throws Exception {
    return send(
        HttpRequest.newBuilder(url(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  public JsonNode json(HttpResponse<String> response) throws IOException {
    return json.readTree(response.body());
  }

  /** Uploads a file into a list and waits (bounded) for the import to end; returns the job. */
  public JsonNode importFile(String token, String list, String fileName, byte[] content)
      throws Exception {
    return importWith(token, list, "filename=" + fileName, content);
  }

  /**
   * {@link #importFile} into a list that speaks {@code language} ({@code uk}, {@code en}) and whose
   * consent statement is {@code consent}.
   */
  public JsonNode importFile(
      String token, String list, String fileName, byte[] content, String language, String consent)
      throws Exception {
    return importWith(
        token,
        list,
        "filename="
            + fileName
            + "&language="
            + language
            + "&consent="
            + URLEncoder.encode(consent, StandardCharsets.UTF_8),
        content);
  }

  private JsonNode importWith(String token, String list, String query, byte[] content)
      throws Exception {
    HttpResponse<String> started =
        post(
            "/api/lists/" + list.replace(" ", "%20") + "/imports?" + query,
            token,
            "application/octet-stream",
            content);
    if (started.statusCode() != 202) {
      throw new IllegalStateException(
          "import not started: " + started.statusCode() + " " + started.body());
    }
    String id = json(started).get("id").asText();
    return Await.until(
        () -> json(get("/api/imports/" + id, token)),
        job -> !"running".equals(job.get("status").asText()));
  }

  @Override
  public void close() {
    node.close();
  }
}
