package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.app.HeraldNode;
import io.herald.channel.viber.ViberContent;
import io.herald.channel.viber.ViberReport;
import io.herald.channel.viber.ViberReport.State;
import io.herald.channel.viber.ViberSubmission;
import io.herald.channel.viber.sim.Jwt;
import io.herald.channel.viber.sim.ViberSimulator;
import io.herald.channel.viber.vonage.VonageAccount;
import io.herald.channel.viber.vonage.VonageCallbacks;
import io.herald.channel.viber.vonage.VonageViberGateway;
import io.herald.testing.Await;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /viber/reports} over real HTTP: the simulator's signed callbacks become reports in
 * every order it sends them; unsigned or malformed requests are answered with a problem.
 */
class ViberCallbackRoutesTest {
  private static final ObjectMapper MAPPER = HeraldNode.objectMapper();
  private final ConcurrentLinkedQueue<ViberReport> reports = new ConcurrentLinkedQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin app;
  private ViberSimulator sim;
  private VonageViberGateway gateway;

  @BeforeEach
  void start() {
    app = Javalin.create(c -> c.showJavalinBanner = false);
    new ViberCallbackRoutes(
            new VonageCallbacks(
                "sig-secret", VonageCallbacks.DEFAULT_MAX_AGE, MAPPER, Clock.systemUTC()),
            reports::add,
            MAPPER)
        .register(app);
    app.start("127.0.0.1", 0);
    sim =
        new ViberSimulator(
            "key", "secret", "sig-secret", Optional.of(callbackUrl()), MAPPER, Clock.systemUTC());
    sim.expiryDelay(Duration.ZERO).readDelay(Duration.ofMillis(20));
    gateway =
        new VonageViberGateway(
            new VonageAccount(
                sim.baseUrl(), "key", "secret", Duration.ofSeconds(5), Duration.ofHours(1)),
            MAPPER,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    gateway.close();
    sim.close();
    app.stop();
    http.close();
  }

  private URI callbackUrl() {
    return URI.create("http://127.0.0.1:" + app.port() + ViberCallbackRoutes.PATH);
  }

  private void send(String id, String to) {
    gateway.send(
        new ViberSubmission(
            id, "Shop", to, new ViberContent.Text("Hello"), Duration.ofDays(1), true));
  }

  @Test
  void everyOutcomeArrivesAsASignedCallback() throws Exception {
    send("read", "+380501234561");
    send("delivered", "+380501234567");
    send("undeliverable", "+380501234569");
    send("not-user", "+380501234560");
    send("blocked", "+380501234566");
    send("expired", "+380501234568");
    Await.until(() -> reports.size(), n -> n == 7);
    Map<String, List<State>> byId =
        reports.stream()
            .collect(
                Collectors.groupingBy(
                    ViberReport::messageId,
                    Collectors.mapping(ViberReport::state, Collectors.toList())));
    assertThat(byId)
        .containsOnly(
            Map.entry("read", List.of(State.DELIVERED, State.SEEN)),
            Map.entry("delivered", List.of(State.DELIVERED)),
            Map.entry("undeliverable", List.of(State.UNDELIVERED)),
            Map.entry("not-user", List.of(State.NOT_VIBER_USER)),
            Map.entry("blocked", List.of(State.BLOCKED)),
            Map.entry("expired", List.of(State.EXPIRED)));
    assertThat(sim.callbacksFailed()).isZero();
  }

  @Test
  void seenMayComeBeforeDeliveredAndTwice() throws Exception {
    sim.seenBeforeDelivered(true).duplicates(true);
    send("m", "+380501234561");
    Await.until(() -> reports.size(), n -> n == 4);
    assertThat(reports)
        .extracting(ViberReport::state)
        .containsExactly(State.SEEN, State.SEEN, State.DELIVERED, State.DELIVERED);
  }

  @Test
  void anUnsignedCallbackIsAnsweredUnauthorized() throws Exception {
    HttpResponse<String> response = post(Map.of(), "{\"status\":\"delivered\"}");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("not signed");
    assertThat(reports).isEmpty();
  }

  @Test
  void aCallbackWithAnotherSecretIsAnsweredUnauthorized() throws Exception {
    String body = "{\"status\":\"delivered\",\"client_ref\":\"m\",\"channel\":\"viber_service\"}";
    HttpResponse<String> response = post(signed("wrong", body), body);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(reports).isEmpty();
  }

  @Test
  void aSignedBodyThatIsNotJsonIsABadRequest() throws Exception {
    String body = "{not json";
    HttpResponse<String> response = post(signed("sig-secret", body), body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(reports).isEmpty();
  }

  @Test
  void aSignedStatusHeraldDoesNotActOnIsAcknowledged() throws Exception {
    String body = "{\"status\":\"submitted\",\"client_ref\":\"m\",\"channel\":\"viber_service\"}";
    assertThat(post(signed("sig-secret", body), body).statusCode()).isEqualTo(204);
    assertThat(reports).isEmpty();
  }

  private static Map<String, String> signed(String secret, String body) {
    return Map.of(
        "Authorization",
        "Bearer "
            + Jwt.sign(
                MAPPER,
                secret,
                "key",
                body.getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC().instant()));
  }

  private HttpResponse<String> post(Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(callbackUrl())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
