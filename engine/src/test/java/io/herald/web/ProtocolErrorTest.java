package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any route sees them (a request line or headers too large, broken
 * framing) get {@code application/problem+json} like every other error of the API, never Jetty's
 * own HTML or plain text.
 */
class ProtocolErrorTest {
  @TempDir static Path data;
  static TestNode node;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Protocol Co");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static RawHttp.Response send(String request) throws Exception {
    return RawHttp.exchange(node.node().httpPort(), request);
  }

  private static void assertProblem(RawHttp.Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body())
        .contains("\"status\":" + status)
        .doesNotContain("<html")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void aUriTooLongIsAProblem() throws Exception {
    assertProblem(
        send("GET /api/lists/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414);
  }

  @Test
  void headersTooLargeAreAProblem() throws Exception {
    assertProblem(
        send(
            "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"),
        431);
  }

  @Test
  void aMalformedRequestIsAProblem() throws Exception {
    assertProblem(send("GET /health HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n"), 400);
    assertProblem(
        send(
            "POST /api/suppressions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + key
                + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        400);
  }

  @Test
  void aMalformedPathIsAProblem() throws Exception {
    assertProblem(send("GET /api/lists/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
  }
}
