package io.herald.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a person's open or click from a machine's, so that the canary scores what recipients did
 * and not what their mail systems did (machine events are recorded, but not as engagement). Pure:
 * it sees only the request, the message's issue time, the message's recent clicks and the injected
 * clock. The first rule that matches decides, in this order:
 *
 * <ol>
 *   <li>a {@code HEAD} request (link checkers and scanners; a browser never sends one for a page or
 *       image);
 *   <li>no user agent at all;
 *   <li>an automated user agent: HTTP libraries (curl, Wget, python-requests, Go, Java, okhttp…),
 *       headless browsers, crawlers and link-preview bots, security gateways (Barracuda, Mimecast,
 *       Proofpoint, IronPort…) — see {@link #AUTOMATED};
 *   <li>opens only: a privacy proxy that fetches every image of every message on arrival, whether
 *       or not anyone reads it: Apple Mail Privacy Protection, whose fetches say exactly {@code
 *       Mozilla/5.0}. Gmail's {@code GoogleImageProxy} and Yahoo's proxy fetch when the recipient
 *       displays the message, so they count as human. (A click with that bare agent is a script:
 *       automated.);
 *   <li>too soon after sending: an open within {@link Rules#openAfterSend()} (default {@value
 *       #DEFAULT_OPEN_AFTER_SEND_SECONDS} s) or a click within {@link Rules#clickAfterSend()}
 *       (default {@value #DEFAULT_CLICK_AFTER_SEND_SECONDS} s) of the issue time in the token — a
 *       gateway scanning the message as it arrives, not a reader. The issue time has whole seconds,
 *       so a request may look up to a second later than it was; an issue time in the future (clocks
 *       of two nodes apart) counts as too soon;
 *   <li>clicks only: every link at once — this click and a click on a different link of the same
 *       message within {@link Rules#linkBurst()} (default {@value #DEFAULT_LINK_BURST_MILLIS} ms)
 *       of each other. People click one link; scanners follow them all.
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class EngagementClassifier {
  static final long DEFAULT_OPEN_AFTER_SEND_SECONDS = 5;
  static final long DEFAULT_CLICK_AFTER_SEND_SECONDS = 10;
  static final long DEFAULT_LINK_BURST_MILLIS = 2000;

  /**
   * Lower-cased fragments of user agents that no person's mail client or browser sends. Generic
   * {@code bot} is matched only as {@code bot/}, {@code bot;}, {@code bot)} or {@code bot-}, so a
   * phone model such as "CUBOT X30" is not taken for one.
   */
  static final List<String> AUTOMATED =
      List.of(
          // HTTP libraries and command-line tools
          "curl/",
          "wget/",
          "python-requests",
          "python-urllib",
          "python-httpx",
          "python/",
          "aiohttp",
          "httpx/",
          "go-http-client",
          "java/",
          "java-http-client",
          "apache-httpclient",
          "okhttp",
          "libwww-perl",
          "lwp::",
          "node-fetch",
          "axios/",
          "undici",
          "guzzlehttp",
          "ruby",
          "faraday",
          "powershell",
          "winhttp",
          "postmanruntime",
          "httpie",
          // headless and automated browsers
          "headlesschrome",
          "phantomjs",
          "puppeteer",
          "playwright",
          "selenium",
          // crawlers and link previews
          "bot/",
          "bot;",
          "bot)",
          "bot-",
          "crawler",
          "spider",
          "+http",
          "slurp",
          "facebookexternalhit",
          "bingpreview",
          "skypeuripreview",
          "whatsapp",
          // security gateways and URL scanners
          "barracuda",
          "mimecast",
          "proofpoint",
          "ironport",
          "messagelabs",
          "symantec",
          "forcepoint",
          "trendmicro",
          "trend micro",
          "fireeye",
          "sophos",
          "zscaler",
          "fortiguard",
          "virustotal",
          "urlscan",
          "scanner");

  /** What Apple Mail Privacy Protection's image fetches send as their user agent, exactly. */
  static final String APPLE_PRIVACY_PROXY = "mozilla/5.0";

  /** The time windows of the timing rules. */
  public record Rules(Duration openAfterSend, Duration clickAfterSend, Duration linkBurst) {
    /** 5 s for opens, 10 s for clicks (a reader must open first), 2 s between links. */
    public static final Rules DEFAULT =
        new Rules(
            Duration.ofSeconds(DEFAULT_OPEN_AFTER_SEND_SECONDS),
            Duration.ofSeconds(DEFAULT_CLICK_AFTER_SEND_SECONDS),
            Duration.ofMillis(DEFAULT_LINK_BURST_MILLIS));

    public Rules {
      for (Duration d : List.of(openAfterSend, clickAfterSend, linkBurst)) {
        if (d.isNegative()) {
          throw new IllegalArgumentException("a window cannot be negative: " + d);
        }
      }
    }
  }

  /** How a tracking URL was fetched. */
  public enum Method {
    GET,
    HEAD
  }

  /** The request that reached a tracking endpoint. */
  public record Request(Method method, Optional<String> userAgent) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(userAgent, "userAgent");
    }

    /** A request with the given (possibly absent) User-Agent header. */
    public static Request of(Method method, String userAgent) {
      return new Request(method, Optional.ofNullable(userAgent));
    }
  }

  /** A click on one of the message's links, as the recent-click window remembers it. */
  public record RecentClick(String url, Instant at) {}

  /** Why an event is a machine's; {@link #code()} is its form in events and the API. */
  public enum Reason {
    HEAD_REQUEST,
    NO_USER_AGENT,
    AUTOMATED_AGENT,
    PRIVACY_PROXY,
    SOON_AFTER_SENDING,
    EVERY_LINK_AT_ONCE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A person's engagement, or a machine's with the reason. */
  public sealed interface Verdict {
    /** Counted as engagement. */
    record Human() implements Verdict {}

    /** Recorded, not counted as engagement. */
    record Machine(Reason reason) implements Verdict {}
  }

  private static final Verdict HUMAN = new Verdict.Human();

  private final Rules rules;
  private final Clock clock;

  public EngagementClassifier(Rules rules, Clock clock) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An open of a message issued at {@code issuedAt}, happening now. */
  public Verdict open(Request request, Instant issuedAt) {
    Optional<Reason> byRequest = byRequest(request, true);
    if (byRequest.isPresent()) {
      return new Verdict.Machine(byRequest.get());
    }
    if (soon(issuedAt, rules.openAfterSend())) {
      return new Verdict.Machine(Reason.SOON_AFTER_SENDING);
    }
    return HUMAN;
  }

  /**
   * A click on {@code url} of a message issued at {@code issuedAt}, happening now.
   *
   * @param recent the message's clicks the recent-click window holds (this one may be among them)
   */
  public Verdict click(Request request, Instant issuedAt, String url, List<RecentClick> recent) {
    Optional<Reason> byRequest = byRequest(request, false);
    if (byRequest.isPresent()) {
      return new Verdict.Machine(byRequest.get());
    }
    if (soon(issuedAt, rules.clickAfterSend())) {
      return new Verdict.Machine(Reason.SOON_AFTER_SENDING);
    }
    if (everyLinkAtOnce(url, recent)) {
      return new Verdict.Machine(Reason.EVERY_LINK_AT_ONCE);
    }
    return HUMAN;
  }

  private static Optional<Reason> byRequest(Request request, boolean open) {
    if (request.method() == Method.HEAD) {
      return Optional.of(Reason.HEAD_REQUEST);
    }
    String agent = request.userAgent().map(a -> a.strip().toLowerCase(Locale.ROOT)).orElse("");
    if (agent.isEmpty()) {
      return Optional.of(Reason.NO_USER_AGENT);
    }
    if (AUTOMATED.stream().anyMatch(agent::contains)) {
      return Optional.of(Reason.AUTOMATED_AGENT);
    }
    if (agent.equals(APPLE_PRIVACY_PROXY)) {
      return Optional.of(open ? Reason.PRIVACY_PROXY : Reason.AUTOMATED_AGENT);
    }
    return Optional.empty();
  }

  private boolean soon(Instant issuedAt, Duration window) {
    return Duration.between(issuedAt, clock.instant()).compareTo(window) < 0;
  }

  private boolean everyLinkAtOnce(String url, List<RecentClick> recent) {
    Instant now = clock.instant();
    Set<String> links = new HashSet<>();
    links.add(url);
    for (RecentClick click : recent) {
      if (Duration.between(click.at(), now).abs().compareTo(rules.linkBurst()) <= 0) {
        links.add(click.url());
      }
    }
    return links.size() > 1;
  }
}
