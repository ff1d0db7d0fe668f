package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.app.HeraldNode;
import io.herald.config.HeraldConfig;
import io.herald.config.HttpConfig;
import io.herald.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload past http.maxUploadBytes is cut off with 413 and leaves no file behind. */
class UploadLimitTest {
  @TempDir Path data;

  @Test
  void anOversizedUploadIsRefusedAndItsSpoolFileRemoved() throws Exception {
    HeraldConfig base = TestNode.config(data);
    HeraldConfig small = base.withHttp(new HttpConfig("127.0.0.1", 0, 1024));
    try (HeraldNode node =
        HeraldNode.start(small, Optional.of(TestNode.ADMIN_TOKEN), Clock.systemUTC())) {
      String key = node.accounts().create("Big Files").apiKey();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + node.httpPort()
                                  + "/api/lists/l/imports?filename=big.csv"))
                      .header("Authorization", "Bearer " + key)
                      // Streamed without a length: the limit is found while spooling.
                      .POST(
                          HttpRequest.BodyPublishers.ofInputStream(
                              () -> new java.io.ByteArrayInputStream(new byte[10_000])))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("larger than 1024 bytes");
      try (var spooled = Files.list(data.resolve("uploads"))) {
        assertThat(spooled).isEmpty();
      }
      assertThat(
              node.audience().findList(node.accounts().authenticate(key).orElseThrow().id(), "l"))
          .isEmpty();
    }
  }

  @Test
  void anUploadLargerThanAJsonBodyButWithinItsOwnLimitIsAccepted() throws Exception {
    try (TestNode node = TestNode.start(data)) {
      String key = node.createAccount("Large Files");
      StringBuilder csv = new StringBuilder("email\n");
      for (int i = 0; csv.length() < 3_000_000; i++) {
        csv.append("contact").append(i).append("@example.com\n");
      }
      HttpResponse<String> started =
          node.post(
              "/api/lists/large/imports?filename=large.csv",
              key,
              "text/csv",
              csv.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    }
  }

  @Test
  void aChunkedUploadIsCutOffAsItStreamsAndItsSpoolFileRemoved() throws Exception {
    HeraldConfig base = TestNode.config(data);
    HeraldConfig small = base.withHttp(new HttpConfig("127.0.0.1", 0, 1024));
    try (HeraldNode node =
        HeraldNode.start(small, Optional.of(TestNode.ADMIN_TOKEN), Clock.systemUTC())) {
      String key = node.accounts().create("Chunked Files").apiKey();
      RawHttp.Response response =
          RawHttp.floodChunked(
              node.httpPort(),
              "POST /api/lists/l/imports?filename=big.csv HTTP/1.1\r\nHost: localhost\r\n"
                  + "Authorization: Bearer "
                  + key
                  + "\r\nTransfer-Encoding: chunked\r\n\r\n",
              "email\r\na@example.com\r\n".repeat(100).getBytes(StandardCharsets.UTF_8),
              16L * 1024 * 1024);

      assertThat(response.status()).isEqualTo(413);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.body()).contains("larger than 1024 bytes");
      try (var spooled = Files.list(data.resolve("uploads"))) {
        assertThat(spooled).isEmpty();
      }
    }
  }
}
