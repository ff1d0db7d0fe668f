package io.herald.cli;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's recipients and their mail systems. It reads every message the capture server got,
 * decides from the campaign's {@link AudiencePersona} what this recipient does (seeded by the
 * address, so a run is reproducible), and does it at the right simulated time through Herald's real
 * public endpoints and feedback path: the open pixel and click redirects with a browser's user
 * agent, Apple's privacy proxy fetching the pixel on arrival, a security gateway sending {@code
 * HEAD} to every link, RFC 8058 one-click unsubscribes, DSNs for dead addresses and ARF abuse
 * reports handed in as the operator's MTA would. Nothing is written into Herald directly.
 */
final class AudienceSimulator implements AutoCloseable {
  static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/142.0 Safari/537.36";
  static final String PRIVACY_PROXY = "Mozilla/5.0";
  static final String SCANNER = "Mimecast-URL-Protect/2.0";
  private static final Pattern PIXEL = Pattern.compile("src=\"([^\"]*/t/o/[^\"]+)\"");
  private static final Pattern LINK = Pattern.compile("href=\"([^\"]*/t/c/[^\"]+)\"");
  private static final Pattern ONE_CLICK = Pattern.compile("<(https?://[^>]+)>");
  private static final Duration TICK = Duration.ofMillis(50);

  /** One thing a recipient or their mail system does: an HTTP request at a simulated time. */
  private record Planned(Instant due, String campaign, String kind, HttpRequest request) {}

  private final GreenMail capture;
  private final URI herald;
  private final String adminToken;
  private final ScaledClock clock;
  private final long seed;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, AudiencePersona> personas = new ConcurrentHashMap<>();
  private final Map<String, Map<String, AtomicLong>> tally = new ConcurrentHashMap<>();
  private final PriorityQueue<Planned> plan =
      new PriorityQueue<>((a, b) -> a.due().compareTo(b.due()));
  private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore inFlight = new Semaphore(16);
  private final Thread loop;
  private int seen;

  AudienceSimulator(
      GreenMail capture, URI herald, String adminToken, ScaledClock clock, long seed) {
    this.capture = capture;
    this.herald = herald;
    this.adminToken = adminToken;
    this.clock = clock;
    this.seed = seed;
    this.loop = Thread.ofVirtual().name("audience-simulator").start(this::run);
  }

  /** From now on, recipients of this campaign behave as {@code persona}. */
  void follow(String campaignId, AudiencePersona persona) {
    personas.put(campaignId, persona);
  }

  /** What the audience of a campaign has done so far, by kind, in order of kind. */
  Map<String, Long> done(String campaignId) {
    Map<String, Long> counts = new TreeMap<>();
    tally.getOrDefault(campaignId, Map.of()).forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        readNewMail();
        Instant now = clock.instant();
        while (!plan.isEmpty() && !plan.peek().due().isAfter(now)) {
          Planned next = plan.poll();
          inFlight.acquire();
          requests.execute(() -> perform(next));
        }
        Thread.sleep(TICK);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        System.err.println("audience simulator: " + e);
      }
    }
  }

  private void readNewMail() throws Exception {
    MimeMessage[] received = capture.getReceivedMessages();
    for (; seen < received.length; seen++) {
      MimeMessage message = received[seen];
      String[] feedbackId = message.getHeader("Feedback-ID");
      if (feedbackId == null) {
        continue;
      }
      String campaign = feedbackId[0].split(":")[0].strip();
      AudiencePersona persona = personas.get(campaign);
      if (persona != null) {
        react(message, campaign, persona);
      }
    }
  }

  /** Decides what this recipient and their mail system do with the message, and when. */
  private void react(MimeMessage message, String campaign, AudiencePersona persona)
      throws Exception {
    String recipient = ((InternetAddress) message.getAllRecipients()[0]).getAddress();
    String returnPath = message.getHeader("Return-Path")[0].replaceAll("[<>\\s]", "");
    Random random = new Random(seed ^ recipient.hashCode());
    Instant arrived = clock.instant();
    if (random.nextDouble() < persona.hardBounce()) {
      // A dead address: the MX accepted the mail and bounces it a few minutes later.
      byte[] dsn = FeedbackMails.userUnknown(message, recipient, returnPath, arrived);
      schedule(
          arrived,
          minutes(random, 1, 15),
          campaign,
          "dsn (user unknown)",
          inbound(dsn, returnPath));
      return;
    }
    Optional<String> html = html(message);
    List<String> links = html.map(h -> all(LINK, h)).orElse(List.of());
    Optional<String> pixel = html.flatMap(h -> first(PIXEL, h));
    if (pixel.isPresent() && random.nextDouble() < persona.privacyProxy()) {
      schedule(
          arrived,
          Duration.ofSeconds(1 + random.nextInt(60)),
          campaign,
          "machine open (privacy proxy)",
          get(pixel.get(), PRIVACY_PROXY));
    }
    if (random.nextDouble() < persona.linkScanner()) {
      for (String link : links) {
        schedule(
            arrived,
            Duration.ofSeconds(1 + random.nextInt(3)),
            campaign,
            "machine click (link scanner)",
            head(link));
      }
    }
    double roll = random.nextDouble();
    if (pixel.isPresent() && roll < persona.humanOpen()) {
      Duration opened = Duration.ofSeconds((long) (-Math.log(1 - random.nextDouble()) * 100 * 60));
      schedule(arrived, opened, campaign, "open", get(pixel.get(), BROWSER));
      if (roll < persona.click() && !links.isEmpty()) {
        String link = links.get(random.nextInt(links.size()));
        schedule(
            arrived, opened.plus(minutes(random, 1, 5)), campaign, "click", get(link, BROWSER));
      }
    }
    if (random.nextDouble() < persona.unsubscribe()) {
      String header = Optional.ofNullable(message.getHeader("List-Unsubscribe", " ")).orElse("");
      first(ONE_CLICK, header)
          .ifPresent(
              url ->
                  schedule(
                      arrived,
                      minutes(random, 10, 300),
                      campaign,
                      "unsubscribe (one-click)",
                      oneClick(url)));
    }
    if (random.nextDouble() < persona.complaint()) {
      String loop = "fbl@" + returnPath.substring(returnPath.lastIndexOf('@') + 1);
      byte[] arf = FeedbackMails.abuseReport(message, recipient, returnPath, loop, arrived);
      schedule(arrived, minutes(random, 15, 240), campaign, "complaint (arf)", inbound(arf, loop));
    }
  }

  private void schedule(
      Instant from, Duration after, String campaign, String kind, HttpRequest request) {
    plan.add(new Planned(from.plus(after), campaign, kind, request));
  }

  private void perform(Planned planned) {
    try {
      HttpResponse<Void> response =
          http.send(planned.request(), HttpResponse.BodyHandlers.discarding());
      String kind =
          response.statusCode() < 400 ? planned.kind() : "failed (" + response.statusCode() + ")";
      count(planned.campaign(), kind);
    } catch (Exception e) {
      count(planned.campaign(), "failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      inFlight.release();
    }
  }

  private void count(String campaign, String kind) {
    tally
        .computeIfAbsent(campaign, c -> new ConcurrentHashMap<>())
        .computeIfAbsent(kind, k -> new AtomicLong())
        .incrementAndGet();
  }

  private HttpRequest inbound(byte[] mail, String rcpt) {
    return HttpRequest.newBuilder(
            herald.resolve(
                "/api/admin/inbound?rcpt=" + URLEncoder.encode(rcpt, StandardCharsets.UTF_8)))
        .header("Authorization", "Bearer " + adminToken)
        .header("Content-Type", "message/rfc822")
        .POST(HttpRequest.BodyPublishers.ofByteArray(mail))
        .build();
  }

  private static HttpRequest get(String url, String userAgent) {
    return HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent).GET().build();
  }

  private static HttpRequest head(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("User-Agent", SCANNER)
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build();
  }

  private static HttpRequest oneClick(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("User-Agent", "Mozilla/5.0 (compatible; MailboxProvider-OneClick/1.0)")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
        .build();
  }

  private static Duration minutes(Random random, int from, int to) {
    return Duration.ofSeconds(60L * from + random.nextInt(60 * (to - from) + 1));
  }

  private static Optional<String> html(Part part) throws Exception {
    if (part.isMimeType("text/html")) {
      return Optional.of((String) part.getContent());
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        Optional<String> found = html(multipart.getBodyPart(i));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group(1).replace("&amp;", "&")) : Optional.empty();
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1).replace("&amp;", "&"));
    }
    return found;
  }

  @Override
  public void close() {
    loop.interrupt();
    requests.close();
  }
}
