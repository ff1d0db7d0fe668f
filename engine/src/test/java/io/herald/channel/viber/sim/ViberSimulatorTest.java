package io.herald.channel.viber.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.app.HeraldNode;
import io.herald.testing.Await;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own behaviours, spoken to over raw HTTP as any client would. */
class ViberSimulatorTest {
  private static final ObjectMapper MAPPER = HeraldNode.objectMapper();
  private static final String AUTH =
      "Basic " + Base64.getEncoder().encodeToString("key:secret".getBytes(StandardCharsets.UTF_8));
  private static final String TEXT =
      "{\"message_type\":\"text\",\"text\":\"Hi\",\"to\":\"380501234561\",\"from\":\"Shop\","
          + "\"channel\":\"viber_service\",\"client_ref\":\"r1\","
          + "\"viber_service\":{\"category\":\"promotion\",\"ttl\":600}}";
  private final HttpClient http = HttpClient.newHttpClient();
  private ViberSimulator sim;

  @BeforeEach
  void start() {
    sim = new ViberSimulator("key", "secret", "sig", Optional.empty(), MAPPER, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sim.close();
    http.close();
  }

  @Test
  void theFateOfAMessageIsItsNumbersLastDigit() {
    assertThat(Fate.of("+380501234560")).isEqualTo(Fate.NOT_VIBER_USER);
    assertThat(Fate.of("380501234569")).isEqualTo(Fate.UNDELIVERABLE);
    assertThat(Fate.of("380501234568")).isEqualTo(Fate.EXPIRED);
    assertThat(Fate.of("380501234567")).isEqualTo(Fate.DELIVERED);
    assertThat(Fate.of("380501234566")).isEqualTo(Fate.BLOCKED);
    assertThat(Fate.of("380501234565")).isEqualTo(Fate.DELIVERED_THEN_READ);
  }

  @Test
  void itAnswersLikeVonage() throws Exception {
    assertThat(post(null, TEXT).statusCode()).isEqualTo(401);
    HttpResponse<String> broken = post(AUTH, "{oops");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(post(AUTH, TEXT.replace("\"ttl\":600", "\"ttl\":5")).statusCode()).isEqualTo(422);
    HttpResponse<String> ok = post(AUTH, TEXT);
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(MAPPER.readTree(ok.body()).path("message_uuid").asText()).isNotEmpty();
    assertThat(sim.sends()).isEqualTo(4);
    assertThat(sim.received()).extracting(Received::clientRef).containsExactly("r1");
  }

  @Test
  void reportsNeedCredentials() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    sim.baseUrl()
                        + "/v2/reports/records?product=MESSAGES&direction=outbound"
                        + "&date_start=2026-01-01T00:00:00Z&date_end=2026-01-02T00:00:00Z"))
            .build();
    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void withCallbacksOffTheStatusOnlyWaitsToBePolled() throws Exception {
    AtomicInteger received = new AtomicInteger();
    Javalin receiver = Javalin.create(c -> c.showJavalinBanner = false);
    receiver.post("/cb", ctx -> received.incrementAndGet());
    receiver.start("127.0.0.1", 0);
    try {
      sim.callbackUrl(Optional.of(URI.create("http://127.0.0.1:" + receiver.port() + "/cb")))
          .callbacks(false);
      post(AUTH, TEXT.replace("380501234561", "380501234567"));
      Await.until(() -> sim.status("r1"), "delivered"::equals);
      sim.callbacks(true);
      post(AUTH, TEXT.replace("\"r1\"", "\"r2\"").replace("380501234561", "380501234567"));
      Await.until(() -> sim.callbacksSent(), n -> n == 1);
      assertThat(received.get()).isEqualTo(1);
    } finally {
      receiver.stop();
    }
  }

  @Test
  void aCallbackNobodyTakesIsCountedAsFailed() throws Exception {
    sim.callbackUrl(Optional.of(URI.create(sim.baseUrl() + "/nowhere")));
    post(AUTH, TEXT.replace("380501234561", "380501234567"));
    Await.until(() -> sim.callbacksFailed(), n -> n == 1);
    assertThat(sim.callbacksSent()).isZero();
  }

  private HttpResponse<String> post(String authorization, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
