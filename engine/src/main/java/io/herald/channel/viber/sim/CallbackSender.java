package io.herald.channel.viber.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts the simulator's status callbacks, signed like Vonage's ({@link Jwt}), to the configured
 * URL; counts those answered 2xx and those that failed. A failed callback is not retried: the
 * status stays in the Reports API records for polling, which is what Herald falls back on.
 */
final class CallbackSender implements AutoCloseable {
  private final ObjectMapper mapper;
  private final String secret;
  private final String apiKey;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  final AtomicInteger sent = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();

  CallbackSender(ObjectMapper mapper, String secret, String apiKey, Clock clock) {
    this.mapper = mapper;
    this.secret = secret;
    this.apiKey = apiKey;
    this.clock = clock;
  }

  void post(URI url, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Bearer " + Jwt.sign(mapper, secret, apiKey, body, clock.instant()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      (status >= 200 && status < 300 ? sent : failed).incrementAndGet();
    } catch (IOException e) {
      failed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.incrementAndGet();
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
