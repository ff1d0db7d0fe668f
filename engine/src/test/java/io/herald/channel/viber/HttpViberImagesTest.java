package io.herald.channel.viber;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.channel.viber.TlsImageServer.Answer;
import io.herald.channel.viber.ViberImages.Verdict;
import io.herald.webhook.TargetGuard;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The image check against a real HTTPS server on loopback: https only, the type and size from the
 * headers or from a ranged GET when HEAD is refused, a body counted when no size is given, at most
 * three redirects, every exchange within its timeout, and no request to a non-public address unless
 * allowed.
 */
class HttpViberImagesTest {
  private static final long MAX = 1000;
  private static final String PNG = "Content-Type: image/png";

  private final TlsImageServer server = new TlsImageServer();
  private HttpViberImages images;

  HttpViberImagesTest() throws Exception {}

  @AfterEach
  void close() throws Exception {
    if (images != null) {
      images.close();
    }
    server.close();
  }

  private static HttpViberImages.Settings settings(Duration timeout, boolean allowPrivate) {
    return new HttpViberImages.Settings(timeout, 3, allowPrivate, ViberLimits.IMAGE_TYPES, MAX);
  }

  private Verdict check(String url) throws Exception {
    return check(url, settings(Duration.ofSeconds(5), true), InetAddress::getAllByName);
  }

  private Verdict check(
      String url, HttpViberImages.Settings settings, TargetGuard.Resolver resolver)
      throws Exception {
    if (images != null) {
      images.close();
    }
    images = new HttpViberImages(settings, server.clientTls(), resolver);
    return images.check(url);
  }

  private static Answer head(int status, String... headers) {
    return Answer.of(status, new byte[0], headers);
  }

  @Test
  void anImageOfTheLargestSizeFitsFromItsHeadAlone() throws Exception {
    server.route("/a.png", head(200, PNG, "Content-Length: " + MAX));
    assertThat(check(server.url("/a.png"))).isEqualTo(new Verdict.Fits("image/png", MAX));
    assertThat(server.methods()).containsExactly("HEAD /a.png");
  }

  @Test
  void oneByteMoreIsRefused() throws Exception {
    server.route("/a.png", head(200, PNG, "Content-Length: " + (MAX + 1)));
    assertThat(check(server.url("/a.png")))
        .isEqualTo(
            new Verdict.Refused("the image is larger than Viber takes: 1001 bytes; at most 1000"));
  }

  @Test
  void onlyTheTypesVibersShowsFitWhateverTheirCaseAndParameters() throws Exception {
    server.route("/a.gif", head(200, "Content-Type: image/gif", "Content-Length: 10"));
    server.route("/none", head(200, "Content-Length: 10"));
    server.route("/b.jpg", head(200, "Content-Type: Image/JPEG; q=1", "Content-Length: 10"));
    assertThat(check(server.url("/a.gif")))
        .isEqualTo(
            new Verdict.Refused("the image is image/gif; Viber shows image/jpeg, image/png"));
    assertThat(check(server.url("/none")))
        .isEqualTo(new Verdict.Refused("the image's server gives no Content-Type"));
    assertThat(check(server.url("/b.jpg"))).isEqualTo(new Verdict.Fits("image/jpeg", 10));
  }

  @Test
  void aRefusedHeadFallsBackToARangedGetWhoseTotalSizeCounts() throws Exception {
    server.route(
        "/big.png",
        r ->
            r.method().equals("HEAD")
                ? head(405)
                : Answer.of(206, new byte[(int) MAX + 1], PNG, "Content-Range: bytes 0-1000/5000"));
    server.route(
        "/small.png",
        r ->
            r.method().equals("HEAD")
                ? head(403)
                : Answer.of(206, new byte[800], PNG, "Content-Range: bytes 0-799/800"));
    assertThat(check(server.url("/big.png")))
        .isEqualTo(
            new Verdict.Refused("the image is larger than Viber takes: 5000 bytes; at most 1000"));
    assertThat(check(server.url("/small.png"))).isEqualTo(new Verdict.Fits("image/png", 800));
    assertThat(server.methods())
        .containsExactly("HEAD /big.png", "GET /big.png", "HEAD /small.png", "GET /small.png");
    assertThat(server.requests.get(1).headers()).containsEntry("range", "bytes=0-1000");
  }

  @Test
  void anUnknownSizeIsCountedAndRefusedOnceTheBodyPassesTheLimit() throws Exception {
    server.route(
        "/exact.png",
        r -> r.method().equals("HEAD") ? head(200, PNG) : Answer.of(200, new byte[(int) MAX], PNG));
    server.route(
        "/endless.png",
        r ->
            r.method().equals("HEAD")
                ? head(200, PNG)
                : new Answer(200, java.util.List.of(PNG), new byte[(int) MAX + 1], true));
    assertThat(check(server.url("/exact.png"))).isEqualTo(new Verdict.Fits("image/png", MAX));
    // The server keeps the connection open after MAX + 1 bytes: the check stops reading there.
    assertThat(check(server.url("/endless.png")))
        .isEqualTo(
            new Verdict.Refused(
                "the image is larger than Viber takes: more than 1000 bytes; at most 1000"));
  }

  @Test
  void upToThreeRedirectsAreFollowedRelativeOrAbsolute() throws Exception {
    server.route("/r0", head(302, "Location: /r1"));
    server.route("/r1", head(302, "Location: /r2"));
    server.route("/r2", head(301, "Location: " + server.url("localhost", "/r3")));
    server.route("/r3", head(307, "Location: img.png"));
    server.route("/img.png", head(200, PNG, "Content-Length: 5"));
    assertThat(check(server.url("/r1"))).isEqualTo(new Verdict.Fits("image/png", 5));
    assertThat(check(server.url("/r0")))
        .isEqualTo(new Verdict.Refused("the image URL redirects more than 3 times"));
  }

  @Test
  void onlyHttpsIsFetchedEvenAfterARedirect() throws Exception {
    server.route("/r", head(302, "Location: http://127.0.0.1:1/a.png"));
    assertThat(check("http://127.0.0.1:1/a.png"))
        .isEqualTo(new Verdict.Refused("the image URL must be https"));
    assertThat(check(server.url("/r")))
        .isEqualTo(new Verdict.Refused("the image URL redirects to a URL that is not https"));
    assertThat(server.methods()).containsExactly("HEAD /r");
  }

  @Test
  void aPrivateAddressIsNeverAskedUnlessAllowed() throws Exception {
    server.route("/a.png", head(200, PNG, "Content-Length: 5"));
    assertThat(
            check(
                server.url("/a.png"),
                settings(Duration.ofSeconds(5), false),
                InetAddress::getAllByName))
        .isEqualTo(
            new Verdict.Refused("the host 127.0.0.1 resolves to a non-public address (127.0.0.1)"));
    assertThat(server.requests).isEmpty();
  }

  @Test
  void aRedirectToAPrivateAddressIsRefusedBeforeItIsFollowed() throws Exception {
    // A resolver for which 127.0.0.1 names a public address (documentation range); localhost
    // still resolves to loopback: the first hop is allowed, the redirect's target is not.
    TargetGuard.Resolver resolver =
        host ->
            host.equals("127.0.0.1")
                ? new InetAddress[] {
                  InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 7})
                }
                : InetAddress.getAllByName(host);
    server.route("/r", head(302, "Location: " + server.url("localhost", "/a.png")));
    server.route("/a.png", head(200, PNG, "Content-Length: 5"));
    Verdict verdict = check(server.url("/r"), settings(Duration.ofSeconds(5), false), resolver);
    assertThat(verdict).isInstanceOf(Verdict.Refused.class);
    assertThat(((Verdict.Refused) verdict).reason())
        .startsWith("the host localhost resolves to a non-public address");
    assertThat(server.methods()).containsExactly("HEAD /r");
  }

  @Test
  void aServerThatDoesNotAnswerOrStopsHalfwayRunsOutOfTime() throws Exception {
    server.route("/silent.png", TlsImageServer.SILENCE);
    server.route(
        "/stalled.png",
        r ->
            r.method().equals("HEAD")
                ? head(200, PNG)
                : new Answer(200, java.util.List.of(PNG), new byte[10], true));
    Verdict timedOut = new Verdict.Refused("the image's server did not answer within 300 ms");
    assertThat(
            check(
                server.url("/silent.png"),
                settings(Duration.ofMillis(300), true),
                InetAddress::getAllByName))
        .isEqualTo(timedOut);
    assertThat(
            check(
                server.url("/stalled.png"),
                settings(Duration.ofMillis(300), true),
                InetAddress::getAllByName))
        .isEqualTo(timedOut);
  }

  @Test
  void missingOrFailingImagesAndUntrustedCertificatesAreRefused() throws Exception {
    server.route("/gone.png", head(404));
    server.route("/broken.png", head(500));
    assertThat(check(server.url("/gone.png")))
        .isEqualTo(new Verdict.Refused("the image's server answered 404 (not found)"));
    assertThat(check(server.url("/broken.png")))
        .isEqualTo(new Verdict.Refused("the image's server answered 500"));
    assertThat(server.methods())
        .containsExactly("HEAD /gone.png", "HEAD /broken.png", "GET /broken.png");
    try (HttpViberImages jdkTrust = new HttpViberImages(settings(Duration.ofSeconds(5), true))) {
      assertThat(jdkTrust.check(server.url("/broken.png")))
          .isEqualTo(
              new Verdict.Refused("the image's server has no TLS certificate Herald trusts"));
    }
  }
}
