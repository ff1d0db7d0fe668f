package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The demo shop's webhook endpoint, as its developer would write one: on a loopback port, it checks
 * each request's {@code Herald-Signature} against the secret Herald gave at registration
 * (HMAC-SHA256 over timestamp and body), refuses what does not verify with 401, and keeps a line
 * per genuine event for the demo to show.
 */
final class DemoWebhookReceiver implements AutoCloseable {
  /** One event as received: its type, the recipient, and the type's details. */
  record Event(String type, String recipient, JsonNode data) {
    @Override
    public String toString() {
      return type + " " + recipient + " " + data;
    }
  }

  private final HttpServer server;
  private final Clock clock;
  private final ObjectMapper json;
  private final List<Event> events = new ArrayList<>();
  private volatile String secret = "";
  private int refused;

  DemoWebhookReceiver(Clock clock, ObjectMapper json) throws IOException {
    this.clock = clock;
    this.json = json;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/herald-events", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/herald-events";
  }

  void secret(String value) {
    this.secret = value;
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  synchronized int refused() {
    return refused;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readNBytes(1_000_000), StandardCharsets.UTF_8);
      }
      var headers = exchange.getRequestHeaders();
      boolean genuine =
          "POST".equals(exchange.getRequestMethod())
              && WebhookSignature.verify(secret, headers::getFirst, body, clock);
      if (!genuine) {
        synchronized (this) {
          refused++;
        }
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      JsonNode event = json.readTree(body);
      synchronized (this) {
        events.add(
            new Event(
                event.path("type").asText(), event.path("recipient").asText(), event.path("data")));
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
