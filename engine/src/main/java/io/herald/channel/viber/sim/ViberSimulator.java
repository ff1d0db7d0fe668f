package io.herald.channel.viber.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Vonage Messages API's Viber side on 127.0.0.1 (a port the system picks), for tests, {@code
 * ./herald demo} and {@code herald viber simulator}: the same paths, Basic authentication, JSON and
 * status codes as the real API (docs/viber.md), so Herald's adapter talks to it unchanged. Each
 * accepted message gets the statuses its {@link Fate} (by the destination's last digit) says, as
 * signed status callbacks to the callback URL and in the Reports API records for polling. Switches:
 * callbacks off (polling only), each callback twice, read before delivered, delays, the next N
 * sends answered 429 (with Retry-After) or 5xx, answers held back (client timeouts).
 */
public final class ViberSimulator implements AutoCloseable {
  final SimScript script = new SimScript();
  final AtomicInteger sends = new AtomicInteger();
  final AtomicInteger faults = new AtomicInteger();
  final AtomicInteger polls = new AtomicInteger();
  volatile int recordsPageSize = 100;

  private final ObjectMapper mapper;
  private final String apiKey;
  private final Clock clock;
  private final Javalin app;
  private final CallbackSender callbacks;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("viber-simulator").unstarted(r));
  private final ConcurrentLinkedQueue<SimMessage> messages = new ConcurrentLinkedQueue<>();
  private final Map<String, SimMessage> byClientRef = new ConcurrentHashMap<>();
  private volatile Optional<URI> callbackUrl;

  /**
   * Starts listening. {@code apiKey}/{@code apiSecret}: the credentials it accepts; {@code
   * signatureSecret}: what it signs callbacks with; {@code callbackUrl}: where they go (empty:
   * none, reports are only polled).
   */
  public ViberSimulator(
      String apiKey,
      String apiSecret,
      String signatureSecret,
      Optional<URI> callbackUrl,
      ObjectMapper mapper,
      Clock clock) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.mapper = mapper;
    this.clock = clock;
    this.callbackUrl = Objects.requireNonNull(callbackUrl, "callbackUrl");
    this.callbacks = new CallbackSender(mapper, signatureSecret, apiKey, clock);
    SimRoutes routes = new SimRoutes(this, mapper, apiKey, apiSecret);
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.useVirtualThreads = true;
            });
    app.post("/v1/messages", routes::send);
    app.get("/v2/reports/records", routes::records);
    app.start("127.0.0.1", 0);
  }

  public int port() {
    return app.port();
  }

  /** The base URL to configure as {@code viber.baseUrl}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  // --- switches -------------------------------------------------------------------------

  /** Where callbacks go from now on; empty: none (reports wait to be polled). */
  public ViberSimulator callbackUrl(Optional<URI> url) {
    this.callbackUrl = Objects.requireNonNull(url);
    return this;
  }

  /** Whether callbacks are sent at all (off: reports are only in the polled records). */
  public ViberSimulator callbacks(boolean on) {
    script.callbacks = on;
    return this;
  }

  /** Sends every callback twice. */
  public ViberSimulator duplicates(boolean on) {
    script.duplicates = on;
    return this;
  }

  /** Sends {@code read} before {@code delivered} for messages that are read. */
  public ViberSimulator seenBeforeDelivered(boolean on) {
    script.seenBeforeDelivered = on;
    return this;
  }

  /** How long after acceptance the first status goes. */
  public ViberSimulator callbackDelay(Duration delay) {
    script.callbackDelay = delay;
    return this;
  }

  /** How long after the first status a read one follows. */
  public ViberSimulator readDelay(Duration delay) {
    script.readDelay = delay;
    return this;
  }

  /** How long after acceptance a message to a number ending in 8 expires. */
  public ViberSimulator expiryDelay(Duration delay) {
    script.expiryDelay = delay;
    return this;
  }

  /** The next {@code times} sends are answered 429 with {@code Retry-After: seconds}. */
  public ViberSimulator throttleNext(int times, long retryAfterSeconds) {
    script.fail(times, new SimScript.Fault(429, Optional.of(retryAfterSeconds)));
    return this;
  }

  /** The next {@code times} sends are answered with {@code status} (500, 503...). */
  public ViberSimulator failNext(int times, int status) {
    script.fail(times, new SimScript.Fault(status, Optional.empty()));
    return this;
  }

  /** Holds every answer to a send until {@link #releaseAnswers()} (for client timeouts). */
  public ViberSimulator holdAnswers() {
    script.hold = new CountDownLatch(1);
    return this;
  }

  public ViberSimulator releaseAnswers() {
    script.hold.countDown();
    return this;
  }

  /** How many records a page of the Reports API holds (to exercise {@code _links.next}). */
  public ViberSimulator recordsPageSize(int size) {
    this.recordsPageSize = size;
    return this;
  }

  // --- what it saw ----------------------------------------------------------------------

  /** The messages accepted, in order. */
  public List<Received> received() {
    return messages.stream().map(m -> m.received).toList();
  }

  /** The latest status of the message with this {@code client_ref} ("" if unknown). */
  public String status(String clientRef) {
    SimMessage m = byClientRef.get(clientRef);
    return m == null ? "" : m.status();
  }

  /** Requests to {@code POST /v1/messages}, whatever they were answered. */
  public int sends() {
    return sends.get();
  }

  /** Sends answered with an injected fault. */
  public int faultsAnswered() {
    return faults.get();
  }

  /** Callbacks the receiver answered 2xx. */
  public int callbacksSent() {
    return callbacks.sent.get();
  }

  /** Callbacks that failed (refused, not answered 2xx, not reached). */
  public int callbacksFailed() {
    return callbacks.failed.get();
  }

  /** Requests to the Reports API. */
  public int polls() {
    return polls.get();
  }

  // --- behaviour ------------------------------------------------------------------------

  void accept(Received received) {
    SimMessage m = new SimMessage(received, Fate.of(received.to()), clock.instant());
    messages.add(m);
    if (!received.clientRef().isEmpty()) {
      byClientRef.put(received.clientRef(), m);
    }
    Duration first = script.callbackDelay;
    switch (m.fate) {
      case DELIVERED_THEN_READ -> {
        Duration later = first.plus(script.readDelay);
        boolean readFirst = script.seenBeforeDelivered;
        later(m, "delivered", readFirst ? later : first);
        later(m, "read", readFirst ? first : later);
      }
      case EXPIRED -> later(m, m.fate.status, script.expiryDelay);
      default -> later(m, m.fate.status, first);
    }
  }

  private void later(SimMessage m, String status, Duration delay) {
    timer.schedule(() -> fire(m, status), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void fire(SimMessage m, String status) {
    boolean failure = !status.equals("delivered") && !status.equals("read");
    String code = failure ? m.fate.errorCode : "";
    String text = failure ? m.fate.errorText : "";
    Instant now = clock.instant();
    m.update(status, code, text, now);
    Optional<URI> url = callbackUrl;
    if (!script.callbacks || url.isEmpty()) {
      return;
    }
    byte[] body = callbackBody(m, status, code, text, now);
    callbacks.post(url.get(), body);
    if (script.duplicates) {
      callbacks.post(url.get(), body);
    }
  }

  private byte[] callbackBody(SimMessage m, String status, String code, String text, Instant at) {
    ObjectNode body = mapper.createObjectNode();
    body.put("message_uuid", m.received.messageUuid());
    body.put("to", m.received.to());
    body.put("from", m.received.from());
    body.put("timestamp", at.toString());
    body.put("status", status);
    body.put("channel", "viber_service");
    if (!m.received.clientRef().isEmpty()) {
      body.put("client_ref", m.received.clientRef());
    }
    if (!code.isEmpty()) {
      ObjectNode error = body.putObject("error");
      error.put("type", "https://developer.vonage.com/api-errors/messages#" + code);
      error.put("title", code);
      error.put("detail", text);
      error.put("instance", m.received.messageUuid());
    }
    return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  List<SimMessage> messagesBetween(Instant start, Instant end) {
    List<SimMessage> window = new ArrayList<>();
    for (SimMessage m : messages) {
      if (!m.receivedAt.isBefore(start) && !m.receivedAt.isAfter(end)) {
        window.add(m);
      }
    }
    return window;
  }

  @Override
  public void close() {
    script.hold.countDown();
    timer.shutdownNow();
    app.stop();
    callbacks.close();
  }
}
