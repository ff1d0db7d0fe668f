package io.herald.channel.viber;

import io.herald.webhook.TargetGuard;
import io.herald.webhook.WebhookRefused;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * {@link ViberImages} over {@code java.net.http}: a {@code HEAD} (a server that refuses it gets a
 * {@code GET} of the first {@code maxBytes + 1} bytes instead, by {@code Range}), redirects
 * followed by hand — at most {@code maxRedirects}, https only, each hop checked again — the type
 * from {@code Content-Type} and the size from {@code Content-Length} (or a {@code Content-Range}
 * total); when the size is not given, the body is counted and the image refused as soon as it
 * passes the limit. Every exchange, body included, ends within {@code timeout}.
 *
 * <p>An account gives the URL, so it must not make Herald probe its own network (SSRF): unless
 * {@code allowPrivateTargets} (tests, a demo on loopback), every hop's host must resolve to public
 * addresses only ({@link TargetGuard}, as for webhooks; the same caveat applies to a name that
 * resolves differently between the check and the connection). No proxy is used, so the address
 * checked is the address connected to. Thread-safe; close it to release the client.
 */
public final class HttpViberImages implements ViberImages, AutoCloseable {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<Integer> GONE = Set.of(404, 410);

  private final Settings settings;
  private final HttpClient client;
  private final TargetGuard guard;

  /**
   * How the check runs.
   *
   * @param timeout how long one exchange (headers and body) may take
   * @param maxRedirects redirects followed at most
   * @param allowPrivateTargets true only where the images are on Herald's own network (tests)
   * @param types the media types accepted (lower case)
   * @param maxBytes the largest image accepted
   */
  public record Settings(
      Duration timeout,
      int maxRedirects,
      boolean allowPrivateTargets,
      Set<String> types,
      long maxBytes) {
    public Settings {
      types = Set.copyOf(types);
      if (timeout.isNegative() || timeout.isZero() || maxRedirects < 0 || maxBytes < 1) {
        throw new IllegalArgumentException("a positive timeout and size, redirects >= 0");
      }
    }

    /** Production: 10 s, 3 redirects, public targets only, Viber's types and size. */
    public static Settings defaults() {
      return new Settings(
          Duration.ofSeconds(10), 3, false, ViberLimits.IMAGE_TYPES, ViberLimits.MAX_IMAGE_BYTES);
    }
  }

  /** The JDK's trusted certificates and resolver. */
  public HttpViberImages(Settings settings) {
    this(settings, defaultTls(), InetAddress::getAllByName);
  }

  /** {@code tls}: whom the image hosts' certificates are trusted from (a test's own CA). */
  public HttpViberImages(Settings settings, SSLContext tls, TargetGuard.Resolver resolver) {
    this.settings = settings;
    this.guard = new TargetGuard(settings.allowPrivateTargets(), resolver);
    this.client =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  @Override
  public Verdict check(String url) {
    try {
      URI uri = https(TargetGuard.form(url));
      Answer head = fetch("HEAD", uri);
      if (GONE.contains(head.status())) {
        throw new Refusal("the image's server answered " + head.status() + " (not found)");
      }
      Answer answer = head;
      if (!ok(head.status()) || head.size().isEmpty()) {
        // HEAD refused (405, 501, or a URL signed for GET only), or no size: count a GET's body.
        answer = fetch("GET", uri);
        if (!ok(answer.status())) {
          throw new Refusal("the image's server answered " + answer.status());
        }
      }
      return judge(answer);
    } catch (Refusal e) {
      return new Verdict.Refused(e.getMessage());
    } catch (WebhookRefused e) {
      return new Verdict.Refused(e.getMessage());
    }
  }

  private Verdict judge(Answer answer) throws Refusal {
    String type =
        answer
            .headers()
            .firstValue("content-type")
            .map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
            .orElseThrow(() -> new Refusal("the image's server gives no Content-Type"));
    if (!settings.types().contains(type)) {
      throw new Refusal(
          "the image is "
              + type
              + "; Viber shows "
              + String.join(", ", settings.types().stream().sorted().toList()));
    }
    long bytes = answer.size().orElseThrow(() -> new Refusal("the image's size is unknown"));
    if (bytes > settings.maxBytes()) {
      throw new Refusal(
          "the image is larger than Viber takes: "
              + (answer.counted() ? "more than " + settings.maxBytes() : bytes)
              + " bytes; at most "
              + settings.maxBytes());
    }
    return new Verdict.Fits(type, bytes);
  }

  private static boolean ok(int status) {
    return status >= 200 && status < 300;
  }

  /** An answer after redirects: its status, headers and the image's size when known. */
  private record Answer(int status, HttpHeaders headers, OptionalLong size, boolean counted) {}

  private Answer fetch(String method, URI start) throws Refusal, WebhookRefused {
    URI uri = start;
    for (int redirects = 0; ; redirects++) {
      guard.target(uri);
      HttpResponse<Long> response = exchange(method, uri);
      int status = response.statusCode();
      if (!REDIRECTS.contains(status)) {
        return answer(response);
      }
      if (redirects == settings.maxRedirects()) {
        throw new Refusal(
            "the image URL redirects more than " + settings.maxRedirects() + " times");
      }
      String location =
          response
              .headers()
              .firstValue("location")
              .orElseThrow(() -> new Refusal("the image's server redirects without a Location"));
      try {
        uri = TargetGuard.form(uri.resolve(location.strip()).toString());
      } catch (IllegalArgumentException | WebhookRefused e) {
        throw new Refusal("the image's server redirects to an invalid URL");
      }
      if (!"https".equalsIgnoreCase(uri.getScheme())) {
        throw new Refusal("the image URL redirects to a URL that is not https");
      }
    }
  }

  private static Answer answer(HttpResponse<Long> response) {
    OptionalLong declared = ImageBody.declared(response.statusCode(), response.headers());
    long counted = response.body();
    return new Answer(
        response.statusCode(),
        response.headers(),
        declared.isPresent() || counted == ImageBody.NOT_READ ? declared : OptionalLong.of(counted),
        declared.isEmpty());
  }

  private HttpResponse<Long> exchange(String method, URI uri) throws Refusal {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Accept", String.join(", ", settings.types().stream().sorted().toList()));
    if (method.equals("HEAD")) {
      request.HEAD();
    } else {
      request.GET().header("Range", "bytes=0-" + settings.maxBytes());
    }
    CompletableFuture<HttpResponse<Long>> sent =
        client.sendAsync(request.build(), info -> ImageBody.of(info, method, settings.maxBytes()));
    try {
      return sent.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw timedOut();
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new Refusal("the image check was interrupted");
    } catch (ExecutionException e) {
      throw failed(e.getCause());
    }
  }

  private Refusal timedOut() {
    return new Refusal(
        "the image's server did not answer within " + settings.timeout().toMillis() + " ms");
  }

  private Refusal failed(Throwable cause) {
    return switch (cause) {
      case HttpTimeoutException t -> timedOut();
      case SSLHandshakeException t ->
          new Refusal("the image's server has no TLS certificate Herald trusts");
      case ConnectException t -> new Refusal("the image's server cannot be reached");
      case IOException t -> new Refusal("the image cannot be fetched: " + t.getMessage());
      default -> new Refusal("the image cannot be fetched: " + cause);
    };
  }

  @Override
  public void close() {
    client.close();
  }

  /** Why the image is refused; thrown within this class only. */
  private static final class Refusal extends Exception {
    Refusal(String reason) {
      super(reason, null, false, false);
    }
  }

  private static URI https(URI uri) throws Refusal {
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new Refusal("the image URL must be https");
    }
    return uri;
  }
}
