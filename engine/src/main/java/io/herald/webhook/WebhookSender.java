package io.herald.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts one signed event: {@code Content-Type: application/json}, {@code Herald-Event-Id}, {@code
 * Herald-Timestamp} (Unix seconds, from the injected clock) and {@code Herald-Signature}. Redirects
 * are not followed (a 3xx is a failure: the registered URL is the only place events go), the
 * response body is not read, and the attempt fails after the timeout.
 */
final class WebhookSender implements AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final String USER_AGENT = "Herald-Webhooks/1";

  /** What the endpoint answered: a status (0 for none) and, unless it was a 2xx, why it failed. */
  record Answer(int status, Optional<String> error) {
    boolean delivered() {
      return error.isEmpty();
    }
  }

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  WebhookSender(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
            .build();
  }

  Answer post(URI url, String secret, Task task) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header(WebhookSignature.EVENT_ID_HEADER, task.eventId())
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(secret, timestamp, task.body()))
            .POST(HttpRequest.BodyPublishers.ofString(task.body()))
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      response.body().close(); // never read: a body that streams forever must not hold us
      int status = response.statusCode();
      return status >= 200 && status < 300
          ? new Answer(status, Optional.empty())
          : new Answer(status, Optional.of("the endpoint answered HTTP " + status));
    } catch (HttpTimeoutException e) {
      return new Answer(0, Optional.of("no answer within " + timeout.toSeconds() + " s"));
    } catch (IOException e) {
      return new Answer(0, Optional.of(oneLine("connection failed: " + e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, Optional.of("interrupted (the node is stopping)"));
    }
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("[\\r\\n]+", " ");
    return line.length() > 300 ? line.substring(0, 300) : line;
  }

  @Override
  public void close() {
    http.shutdownNow(); // attempts cut short are retried: they were never acknowledged
  }
}
