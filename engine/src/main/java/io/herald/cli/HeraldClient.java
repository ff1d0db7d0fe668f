package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The CLI's view of a Herald server: plain HTTP calls to the API, the same ones any client makes. A
 * problem answer becomes {@link ApiProblem} carrying the server's one-line detail.
 */
final class HeraldClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;
  private final ObjectMapper json;

  HeraldClient(URI base, String token, ObjectMapper json) {
    this.base = base;
    this.token = token;
    this.json = json;
  }

  /** An error answer from the server, or no answer at all (status 0). */
  static final class ApiProblem extends Exception {
    private final int status;

    ApiProblem(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  JsonNode get(String path) throws ApiProblem {
    return send(request(path).GET().build());
  }

  /**
   * Every item of a paginated list ({@code path} answers {@code {"<key>": [...], "next": …}}),
   * following {@code next} to the last page.
   */
  com.fasterxml.jackson.databind.node.ArrayNode all(String path, String key) throws ApiProblem {
    com.fasterxml.jackson.databind.node.ArrayNode items = json.createArrayNode();
    String next = null;
    do {
      JsonNode page =
          get(
              path
                  + (path.contains("?") ? "&" : "?")
                  + "limit=1000"
                  + (next == null ? "" : "&cursor=" + encode(next)));
      page.path(key).forEach(items::add);
      next = page.path("next").isTextual() ? page.path("next").asText() : null;
    } while (next != null);
    return items;
  }

  JsonNode post(String path, Map<String, ?> body) throws ApiProblem {
    try {
      return send(
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .build());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A POST with extra request headers (an {@code Idempotency-Key}, say). */
  JsonNode post(String path, Map<String, ?> body, Map<String, String> headers) throws ApiProblem {
    try {
      HttpRequest.Builder request =
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      headers.forEach(request::header);
      return send(request.build());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void delete(String path) throws ApiProblem {
    send(request(path).DELETE().build());
  }

  /**
   * Uploads a file as the request body, reporting bytes sent as they go. The length goes first with
   * {@code Expect: 100-continue}: a server that refuses the size (413) says so before a byte of the
   * file is sent.
   */
  JsonNode upload(String path, Path file, LongConsumer sent) throws ApiProblem, IOException {
    long size = Files.size(file);
    // An empty file is still sent (the server says why it refuses it); the JDK wants a
    // positive length for a streamed body.
    HttpRequest.BodyPublisher body =
        size == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, sent)), size);
    return send(
        request(path)
            .expectContinue(size > 0)
            .header("Content-Type", "application/octet-stream")
            .POST(body)
            .build());
  }

  /** Streams a GET's body to the caller, for exports. */
  InputStream stream(String path) throws ApiProblem {
    try {
      HttpResponse<InputStream> response =
          http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() >= 400) {
        try (InputStream in = response.body()) {
          throw problem(
              response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return response.body();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiProblem(0, "interrupted");
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(10))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest request) throws ApiProblem {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw problem(response.statusCode(), response.body());
      }
      return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiProblem(0, "interrupted");
    }
  }

  private ApiProblem problem(int status, String body) {
    try {
      JsonNode problem = json.readTree(body);
      if (problem.hasNonNull("detail")) {
        return new ApiProblem(status, problem.get("detail").asText());
      }
    } catch (IOException ignored) {
      // Not a problem document; fall through to the status line.
    }
    return new ApiProblem(status, "the server answered HTTP " + status);
  }

  private ApiProblem unreachable(IOException e) {
    String why =
        e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
    return new ApiProblem(0, "cannot reach Herald at " + base + " (" + why + ")");
  }

  private static InputStream counting(Path file, LongConsumer sent) {
    try {
      return new FilterInputStream(Files.newInputStream(file)) {
        private long total;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            total += n;
            sent.accept(total);
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
