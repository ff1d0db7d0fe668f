package io.herald.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A webhook receiver as a customer would write one, on a loopback port the OS picks: it verifies
 * every request's signature with {@link WebhookSignature} and the secret it was given at
 * registration, answers 401 to a request that does not verify, and otherwise answers the statuses
 * it was told to (then 200). It keeps what it received.
 */
final class Receiver implements AutoCloseable {
  /** One request as received, and whether its signature verified. */
  record Received(String eventId, String body, JsonNode json, boolean verified, int answered) {
    String type() {
      return json.path("type").asText();
    }
  }

  private final HttpServer server;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private volatile String secret = "";

  Receiver(Clock clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void secret(String value) {
    this.secret = value;
  }

  /** Answers these statuses to the next requests, in order; 200 after them. */
  synchronized void answer(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized List<Received> received(String type) {
    return received.stream().filter(r -> r.type().equals(type)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var headers = exchange.getRequestHeaders();
    boolean verified =
        "POST".equals(exchange.getRequestMethod())
            && WebhookSignature.verify(secret, headers::getFirst, body, clock);
    int status;
    synchronized (this) {
      status = !verified ? 401 : answers.isEmpty() ? 200 : answers.poll();
      received.add(
          new Received(
              headers.getFirst(WebhookSignature.EVENT_ID_HEADER),
              body,
              mapper.readTree(body),
              verified,
              status));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
