package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies are bounded as they stream, whatever their framing: a chunked body (no {@code
 * Content-Length}) past the limit is answered 413 while the client is still sending it, so the
 * server never holds more than the limit of it.
 */
class BodyLimitTest {
  private static final long FLOOD = 16L * 1024 * 1024;

  @TempDir static Path data;
  static TestNode node;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
    key = node.createAccount("Flood Co");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static byte[] chunk() {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    return chunk;
  }

  @Test
  void aChunkedJsonBodyPastTheLimitIsRefusedBeforeItEnds() throws Exception {
    RawHttp.Response response =
        RawHttp.floodChunked(
            node.node().httpPort(),
            "POST /api/suppressions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + key
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n",
            chunk(),
            FLOOD);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains("larger than 1000000 bytes");
  }

  @Test
  void aBodyAnnouncedLargerThanTheLimitIsAProblem() throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(
            node.node().httpPort(),
            "POST /api/suppressions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + key
                + "\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n{");

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aBodyWithinTheLimitStillWorks() throws Exception {
    assertThat(
            node.post(
                    "/api/suppressions",
                    key,
                    "application/json",
                    "{\"email\":\"fine@example.com\"}".getBytes(UTF_8))
                .statusCode())
        .isEqualTo(201);
  }
}
