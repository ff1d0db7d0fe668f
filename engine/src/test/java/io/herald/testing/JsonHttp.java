package io.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * JSON requests to a node that runs in another JVM (the kill tests' child nodes), where no {@link
 * TestNode} is at hand: a GET when there is no body, else a POST; any 4xx or 5xx is thrown with its
 * body, so a test fails where the request did.
 */
public final class JsonHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;

  public JsonHttp(String base) {
    this.base = base;
  }

  public JsonNode send(String path, String token, String body, String type) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
    }
    return json.readTree(response.body());
  }
}
