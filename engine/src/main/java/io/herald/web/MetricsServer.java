package io.herald.web;

import com.sun.net.httpserver.HttpExchange;
import io.herald.config.MetricsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Prometheus listener: {@code GET /metrics} in the text format, on a port of its own bound to
 * {@code metrics.host} (loopback by default). Metrics name recipient domains and the smarthost, and
 * Prometheus scrapes without a bearer token, so they stay off the public HTTP port and the bind
 * address is what keeps them private. The JDK's small HTTP server is enough for one scraper and
 * keeps a second Jetty out of the node. Any other path is 404 and any other method 405, both as
 * {@code application/problem+json}.
 */
public final class MetricsServer implements AutoCloseable {
  private static final String PATH = "/metrics";

  private final com.sun.net.httpserver.HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Supplier<String> scrape;

  private MetricsServer(com.sun.net.httpserver.HttpServer server, Supplier<String> scrape) {
    this.server = server;
    this.scrape = scrape;
  }

  /** Listens on {@code host:port} ({@code port} 0 picks a free one) and serves {@code scrape}. */
  public static MetricsServer start(String host, int port, Supplier<String> scrape)
      throws IOException {
    var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(host, port), 0);
    MetricsServer metrics = new MetricsServer(server, scrape);
    server.createContext("/", metrics::handle);
    server.setExecutor(metrics.executor);
    server.start();
    return metrics;
  }

  /**
   * The listener {@code metrics.*} asks for, or none when {@code metrics.enabled} is false; a port
   * already taken stops the start with a reason naming the keys.
   */
  public static Optional<MetricsServer> startIfEnabled(
      MetricsConfig config, Supplier<String> scrape) throws IOException {
    if (!config.enabled()) {
      return Optional.empty();
    }
    try {
      return Optional.of(start(config.host(), config.port(), scrape));
    } catch (BindException e) {
      throw new IOException(
          "metrics.host/metrics.port: cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        problem(exchange, 404, "Not found", "only GET " + PATH + " is served here");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        problem(exchange, 405, "Method not allowed", "only GET and HEAD are allowed here");
      } else {
        byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
        exchange
            .getResponseHeaders()
            .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        send(exchange, 200, method.equals("HEAD") ? null : body, body.length);
      }
    }
  }

  private static void problem(HttpExchange exchange, int status, String title, String detail)
      throws IOException {
    // Fixed texts without quotes or backslashes, so no JSON library is needed to escape them.
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
    send(exchange, status, body, body.length);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, int length)
      throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
