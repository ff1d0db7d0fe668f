package io.herald.tracking;

import java.net.URI;
import java.util.Locale;

/**
 * The public addresses that lead a recipient's actions back to Herald: the open pixel, click
 * redirects, the unsubscribe page (which also answers RFC 8058 one-click POSTs) and the mailto
 * unsubscribe address for {@code List-Unsubscribe}. Everything is built from {@code
 * tracking.baseUrl} and sealed here (authenticated and encrypted, so the URLs show no address), so
 * the endpoints that answer later trust only what they can verify. Immutable and thread-safe.
 *
 * <p>Paths: {@code <base>/t/o/<token>.gif}, {@code <base>/t/c/<token>}, {@code <base>/u/<token>}
 * and {@code unsub+<verp token>@<mailDomain>}.
 */
public final class TrackingUrls {
  private final String base;
  private final TokenSigner signer;
  private final String mailDomain;

  /**
   * @param baseUrl absolute http(s) URL, e.g. {@code https://t.example.com}; https in production,
   *     since RFC 8058 one-click unsubscribe requires it
   * @param mailDomain the domain that receives mailed unsubscribe requests
   */
  public TrackingUrls(URI baseUrl, TokenSigner signer, String mailDomain) {
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("tracking base URL must be absolute http(s): " + baseUrl);
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("tracking base URL may not have a query: " + baseUrl);
    }
    String text = baseUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.signer = signer;
    this.mailDomain = Ids.requireDomain("mailDomain", mailDomain);
  }

  /** The 1×1 GIF whose loading counts as an open. */
  public String openPixel(TrackingToken.Open open) {
    return base + "/t/o/" + signer.sign(open) + ".gif";
  }

  /** The redirect that records a click and forwards to the link's URL. */
  public String click(TrackingToken.Click click) {
    return base + "/t/c/" + signer.sign(click);
  }

  /** The unsubscribe page; a POST to it is the RFC 8058 one-click unsubscribe. */
  public String unsubscribePage(TrackingToken.Unsubscribe unsubscribe) {
    return base + "/u/" + signer.sign(unsubscribe);
  }

  /** The mailbox that unsubscribes whoever mails it, for the mailto: of List-Unsubscribe. */
  public String unsubscribeMailbox(VerpToken token) {
    return VerpAddress.encode(signer, VerpAddress.Kind.UNSUBSCRIBE, token, mailDomain);
  }

  /** Whether a URL is one of Herald's own (never to be wrapped in a click redirect). */
  public boolean isOwn(String url) {
    return url.startsWith(base + "/");
  }
}
