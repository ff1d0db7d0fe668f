package io.herald.channel.viber.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.channel.viber.ViberGateway;
import io.herald.channel.viber.ViberReport;
import io.herald.channel.viber.ViberSendOutcome;
import io.herald.channel.viber.ViberSubmission;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vonage Messages API as Herald's {@link ViberGateway} (docs/viber.md): {@code POST
 * /v1/messages} on the {@code viber_service} channel sends, and the Reports API's {@code GET
 * /v2/reports/records} is polled for the statuses whose callbacks did not come. Every answer maps
 * to an outcome: 2xx accepted; 429 deferred as throttled (with its {@code Retry-After}); 5xx, a
 * timeout, a lost connection, and 401/403 (the account's credentials, not the message, are wrong)
 * deferred; any other 4xx refused with Vonage's reason. The backoff itself is the delivery
 * worker's.
 */
public final class VonageViberGateway implements ViberGateway {
  private static final Logger log = LoggerFactory.getLogger(VonageViberGateway.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final String USER_AGENT = "Herald-Viber/1";

  private final VonageAccount account;
  private final VonageJson json;
  private final Clock clock;
  private final HttpClient http;
  private final String authorization;
  private final PolledReports polled = new PolledReports(200_000);

  public VonageViberGateway(VonageAccount account, ObjectMapper mapper, Clock clock) {
    this.account = account;
    this.json = new VonageJson(mapper);
    this.clock = clock;
    Duration timeout = account.requestTimeout();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
            .build();
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (account.apiKey() + ":" + account.apiSecret())
                        .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public ViberSendOutcome send(ViberSubmission submission) {
    HttpRequest request =
        request(URI.create(account.baseUrl() + "/v1/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.sendRequest(submission)))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return deferred("no answer within " + account.requestTimeout().toMillis() + " ms");
    } catch (IOException e) {
      return deferred(VonageJson.oneLine("connection failed: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return deferred("interrupted (the node is stopping)");
    }
    return outcome(
        response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
  }

  private ViberSendOutcome outcome(int status, byte[] body, Optional<String> retryAfterHeader) {
    if (status >= 200 && status < 300) {
      return new ViberSendOutcome.Accepted(json.messageUuid(body).orElse(""));
    }
    String reason = json.reason(status, body);
    Optional<Duration> retryAfter = retryAfterHeader.flatMap(this::retryAfter);
    if (status == 429) {
      return new ViberSendOutcome.Deferred(reason, true, retryAfter);
    }
    if (status >= 500 || status == 401 || status == 403 || status == 408) {
      return new ViberSendOutcome.Deferred(reason, false, retryAfter);
    }
    if (reason.toLowerCase(Locale.ROOT).contains("not a viber user")) {
      return new ViberSendOutcome.NotViberUser(reason);
    }
    return new ViberSendOutcome.Refused(reason);
  }

  private static ViberSendOutcome deferred(String reason) {
    return new ViberSendOutcome.Deferred(reason, false, Optional.empty());
  }

  /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 allows both). */
  private Optional<Duration> retryAfter(String value) {
    String v = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException neither) {
        return Optional.empty();
      }
    }
  }

  /**
   * The Reports API's records of outbound messages in the last {@code pollLookback}, page by page
   * ({@code _links.next}), each status not returned before by this gateway (a status a callback
   * already brought may come again here: reports are idempotent downstream).
   */
  @Override
  public List<ViberReport> poll(int max) {
    // Milliseconds: the Reports API takes yyyy-mm-ddThh:mm:ss[.sss]Z.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    URI next =
        URI.create(
            account.baseUrl()
                + "/v2/reports/records?account_id="
                + encode(account.apiKey())
                + "&product=MESSAGES&direction=outbound&date_start="
                + encode(now.minus(account.pollLookback()).toString())
                + "&date_end="
                + encode(now.toString()));
    List<ViberReport> reports = new ArrayList<>();
    while (next != null && reports.size() < max) {
      Optional<JsonNode> page = page(next);
      if (page.isEmpty()) {
        break;
      }
      for (JsonNode record : page.get().path("records")) {
        Optional<ViberReport> report = json.recordReport(record, clock.instant());
        if (report.isPresent() && reports.size() < max && polled.first(report.get())) {
          reports.add(report.get());
        }
      }
      next = sameServer(page.get().path("_links").path("next").path("href").asText(""));
    }
    return reports;
  }

  private Optional<JsonNode> page(URI uri) {
    try {
      HttpResponse<byte[]> response =
          http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        log.warn(
            "Vonage Reports API answered {}", json.reason(response.statusCode(), response.body()));
        return Optional.empty();
      }
      return json.tree(response.body());
    } catch (IOException e) {
      log.warn("Vonage Reports API not reached: {}", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A next-page link is followed only to the configured server: credentials go nowhere else. */
  private URI sameServer(String href) {
    if (href.isEmpty()) {
      return null;
    }
    URI uri = account.baseUrl().resolve(href);
    URI base = account.baseUrl();
    boolean same =
        base.getScheme().equalsIgnoreCase(uri.getScheme())
            && base.getHost().equalsIgnoreCase(uri.getHost())
            && base.getPort() == uri.getPort();
    return same ? uri : null;
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(account.requestTimeout())
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.close();
  }
}
