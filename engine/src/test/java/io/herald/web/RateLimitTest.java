package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.HeraldConfig;
import io.herald.config.RateLimitConfig;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key rate limits over real HTTP (R13), with a tiny limit: a burst above it gets 429 with
 * {@code Retry-After} and a problem body, while another key of the same account goes on; the admin
 * token has its own limiter; forged keys are never limited (only refused); the public pages are
 * limited per client address (and answer with a page).
 */
class RateLimitTest {
  private static final int TRIES = 200;

  @TempDir Path data;
  TestNode node;

  @BeforeEach
  void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withHttp(base.http().withRateLimit(new RateLimitConfig(1, 5, 1, 5))),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aBurstAboveTheLimitIsRefusedWithRetryAfterWhileAnotherKeyGoesOn() throws Exception {
    String first = node.createAccount("Busy Co");
    String second =
        node.json(
                node.post(
                    "/api/keys", first, "application/json", "{\"name\":\"b\"}".getBytes(UTF_8)))
            .get("apiKey")
            .asText();

    HttpResponse<String> refused = firstRefusal(() -> node.get("/api/lists", first));
    assertTooMany(refused);

    assertThat(node.get("/api/lists", second).statusCode()).isEqualTo(200);
    assertTooMany(firstRefusal(() -> node.get("/api/admin/accounts", TestNode.ADMIN_TOKEN)));
  }

  @Test
  void forgedKeysAreRefusedNeverLimitedAndPublicPagesAreLimitedPerAddress() throws Exception {
    for (int i = 0; i < 50; i++) {
      assertThat(node.get("/api/lists", "hk_forged" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> page =
        firstRefusal(
            () -> node.send(HttpRequest.newBuilder(node.url("/t/o/nothing.gif")).GET().build()));
    // a recipient's browser gets a page, not JSON (PublicErrorPagesTest checks its language)
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void idleCallersAreForgottenSoTheMapStaysBounded() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    RateLimits limits = new RateLimits(1, 1, 10, clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(limits.acquire("caller-" + i)).isZero();
    }
    assertThat(limits.size()).isLessThanOrEqualTo(10);
    assertThat(limits.acquire("caller-999")).isPositive();
  }

  private static HttpResponse<String> firstRefusal(Callable<HttpResponse<String>> request)
      throws Exception {
    for (int i = 0; i < TRIES; i++) {
      HttpResponse<String> response = request.call();
      if (response.statusCode() == 429) {
        return response;
      }
    }
    throw new AssertionError("no 429 in " + TRIES + " requests");
  }

  private void assertTooMany(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("Retry-After"))
        .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 5L));
    assertThat(node.json(response).get("title").asText()).isEqualTo("Too many requests");
  }
}
