package io.herald.channel.viber.vonage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.app.HeraldNode;
import io.herald.channel.viber.ViberCallbacks.CallbackRefused;
import io.herald.channel.viber.ViberReport;
import io.herald.channel.viber.ViberReport.State;
import io.herald.channel.viber.sim.Jwt;
import io.herald.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vonage's signed status callbacks: what passes, what is refused, and what each status means. */
class VonageCallbacksTest {
  private static final ObjectMapper MAPPER = HeraldNode.objectMapper();
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private final MutableClock clock = new MutableClock(NOW);
  private final VonageCallbacks callbacks =
      new VonageCallbacks("sig-secret", VonageCallbacks.DEFAULT_MAX_AGE, MAPPER, clock);

  private static byte[] status(String status, String errorTitle, String errorDetail) {
    String error =
        errorTitle == null
            ? ""
            : ",\"error\":{\"type\":\"https://developer.vonage.com/api-errors/messages\","
                + "\"title\":\""
                + errorTitle
                + "\",\"detail\":\""
                + errorDetail
                + "\"}";
    return ("{\"message_uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"to\":\"380501234561\","
            + "\"from\":\"Shop\",\"timestamp\":\"2026-12-02T11:59:58.000Z\",\"status\":\""
            + status
            + "\",\"channel\":\"viber_service\",\"client_ref\":\"c1.r2\""
            + error
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> signed(String secret, byte[] body, Instant issued) {
    return Map.of("authorization", "Bearer " + Jwt.sign(MAPPER, secret, "key", body, issued));
  }

  @Test
  void aGenuineCallbackIsRead() throws Exception {
    byte[] body = status("delivered", null, null);
    List<ViberReport> reports = callbacks.read(signed("sig-secret", body, NOW), body);
    assertThat(reports)
        .containsExactly(
            new ViberReport("c1.r2", State.DELIVERED, "", Instant.parse("2026-12-02T11:59:58Z")));
  }

  @Test
  void anUnsignedCallbackIsRefused() {
    byte[] body = status("delivered", null, null);
    assertThatThrownBy(() -> callbacks.read(Map.of(), body))
        .isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("not signed")
        .satisfies(e -> assertThat(((CallbackRefused) e).malformed()).isFalse());
  }

  @Test
  void aCallbackSignedWithAnotherSecretIsRefused() {
    byte[] body = status("delivered", null, null);
    assertThatThrownBy(() -> callbacks.read(signed("other-secret", body, NOW), body))
        .isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("signature does not match");
  }

  @Test
  void anAlteredBodyIsRefused() {
    byte[] signedBody = status("undeliverable", "1320", "could not deliver");
    byte[] altered = status("delivered", null, null);
    assertThatThrownBy(() -> callbacks.read(signed("sig-secret", signedBody, NOW), altered))
        .isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("not the one that was signed");
  }

  @Test
  void aStaleTokenIsRefused() {
    byte[] body = status("delivered", null, null);
    Map<String, String> headers = signed("sig-secret", body, NOW);
    clock.advance(VonageCallbacks.DEFAULT_MAX_AGE.plusSeconds(1));
    assertThatThrownBy(() -> callbacks.read(headers, body))
        .isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("too far from now");
  }

  @Test
  void aTokenFromTheFutureIsRefused() {
    byte[] body = status("delivered", null, null);
    assertThatThrownBy(() -> callbacks.read(signed("sig-secret", body, NOW.plusSeconds(600)), body))
        .isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("too far from now");
  }

  @Test
  void anUnsignedAlgorithmIsRefused() {
    byte[] body = status("delivered", null, null);
    String token = Jwt.sign(MAPPER, "sig-secret", "key", body, NOW);
    String none =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
            + token.substring(token.indexOf('.'), token.lastIndexOf('.') + 1);
    assertThatThrownBy(() -> callbacks.read(Map.of("authorization", "Bearer " + none), body))
        .isInstanceOf(CallbackRefused.class)
        .hasMessageContaining("HS256");
  }

  @Test
  void garbageInTheHeaderIsRefused() {
    byte[] body = status("delivered", null, null);
    for (String value : List.of("Bearer", "Bearer a.b", "Bearer !!.??.**", "Basic abc")) {
      assertThatThrownBy(() -> callbacks.read(Map.of("authorization", value), body))
          .isInstanceOf(CallbackRefused.class);
    }
  }

  @Test
  void aSignedBodyThatIsNotJsonIsMalformed() {
    byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> callbacks.read(signed("sig-secret", body, NOW), body))
        .isInstanceOf(CallbackRefused.class)
        .satisfies(e -> assertThat(((CallbackRefused) e).malformed()).isTrue());
  }

  @Test
  void everyStatusMapsToItsState() throws Exception {
    assertThat(state("read", null, null)).containsExactly(State.SEEN);
    assertThat(state("delivered", null, null)).containsExactly(State.DELIVERED);
    assertThat(state("submitted", null, null)).isEmpty();
    assertThat(state("undeliverable", "1320", "Viber could not deliver the message"))
        .containsExactly(State.UNDELIVERED);
    assertThat(state("rejected", "1300", "Not a Viber user: the number is not registered"))
        .containsExactly(State.NOT_VIBER_USER);
    assertThat(state("rejected", "1340", "The user blocked messages from this sender"))
        .containsExactly(State.BLOCKED);
    assertThat(state("rejected", "1330", "TTL expired before delivery"))
        .containsExactly(State.EXPIRED);
  }

  @Test
  void aReportCarriesTheProvidersReason() throws Exception {
    byte[] body = status("rejected", "1300", "Not a Viber user");
    assertThat(callbacks.read(signed("sig-secret", body, NOW), body))
        .extracting(ViberReport::detail)
        .containsExactly("1300 Not a Viber user");
  }

  private List<State> state(String status, String title, String detail) throws Exception {
    byte[] body = status(status, title, detail);
    return callbacks.read(signed("sig-secret", body, NOW), body).stream()
        .map(ViberReport::state)
        .toList();
  }
}
