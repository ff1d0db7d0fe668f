package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing short link codes, against a real node: an address that asked for a minute's worth of
 * codes that lead nowhere is refused for a while — the localised 429 page with Retry-After — even
 * for a genuine code, so its answers no longer tell which codes exist.
 */
class ShortLinkGuessingTest {
  @TempDir static Path data;
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return node.send(
        HttpRequest.newBuilder(node.url(path)).header("Accept-Language", "uk").GET().build());
  }

  @Test
  void anAddressThatMissesTooOftenIsRefusedEvenForAGenuineCode() throws Exception {
    String key = node.createAccount("Guessed Ltd");
    AccountId account = node.node().accounts().authenticate(key).orElseThrow().id();
    String genuine =
        node.node()
            .shortLinks()
            .click(
                new ShortLinkTarget(
                    account, "c0ffee0000000001", 1, "p:+380671234567", "+380671234567", "uk"),
                "https://x.example/");
    String path = genuine.substring(genuine.indexOf("/l/"));
    assertThat(get(path).statusCode()).isEqualTo(302);

    for (int i = 0; i < ShortLinkRoutes.MISS_BURST; i++) {
      assertThat(get(String.format("/l/guess%05d", i)).statusCode()).isEqualTo(404);
    }

    HttpResponse<String> refused = get(path);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(refused.body()).contains("lang=\"uk\"").contains("Забагато запитів");
    assertThat(get("/s/AAAAAAAAAA").statusCode()).isEqualTo(429);
  }
}
