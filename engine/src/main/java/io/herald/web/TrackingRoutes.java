package io.herald.web;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.tracking.EngagementClassifier.Method;
import io.herald.tracking.EngagementClassifier.Request;
import io.herald.tracking.Engagements;
import io.herald.tracking.TrackingToken;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public endpoints a message leads to (no authentication: the signed token is the proof): the
 * open pixel {@code /t/o/<token>.gif}, click redirects {@code /t/c/<token>} and the unsubscribe
 * page {@code /u/<token>}, whose POST is also the RFC 8058 one-click unsubscribe. A GET never
 * unsubscribes, so link scanners that fetch every URL of a message cannot unsubscribe anyone.
 */
final class TrackingRoutes {
  private static final Logger log = LoggerFactory.getLogger(TrackingRoutes.class);

  /** A transparent 1×1 GIF (43 bytes). */
  private static final byte[] PIXEL = {
    'G',
    'I',
    'F',
    '8',
    '9',
    'a',
    1,
    0,
    1,
    0,
    (byte) 0x80,
    0,
    0,
    0,
    0,
    0,
    (byte) 0xFF,
    (byte) 0xFF,
    (byte) 0xFF,
    '!',
    (byte) 0xF9,
    4,
    1,
    0,
    0,
    0,
    0,
    ',',
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    2,
    2,
    'D',
    1,
    0,
    ';'
  };

  private final Engagements engagements;
  private final MessageOrigins origins;
  private final AudienceStore audience;

  TrackingRoutes(Engagements engagements, MessageOrigins origins, AudienceStore audience) {
    this.engagements = engagements;
    this.origins = origins;
    this.audience = audience;
  }

  void register(Javalin app) {
    app.get("/t/o/{file}", ctx -> pixel(ctx, Method.GET));
    app.head("/t/o/{file}", ctx -> pixel(ctx, Method.HEAD));
    app.get("/t/c/{token}", ctx -> click(ctx, Method.GET));
    app.head("/t/c/{token}", ctx -> click(ctx, Method.HEAD));
    app.get("/u/{token}", this::unsubscribePage);
    app.post("/u/{token}", this::unsubscribe);
  }

  /** Always the pixel, whatever the token: the answer says nothing about its validity. */
  private void pixel(Context ctx, Method method) {
    String file = ctx.pathParam("file");
    if (file.endsWith(".gif")) {
      engagements.open(file.substring(0, file.length() - 4), request(ctx, method));
    }
    ctx.header("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0");
    ctx.header("Pragma", "no-cache");
    ctx.header("Expires", "0");
    ctx.contentType("image/gif");
    ctx.result(PIXEL);
  }

  private void click(Context ctx, Method method) {
    Optional<URI> target = engagements.click(ctx.pathParam("token"), request(ctx, method));
    if (target.isEmpty()) {
      PublicPages.invalidLink(ctx);
      return;
    }
    // no-referrer: the tracking URL (with its token) is not passed on to the destination site.
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.status(302).header("Location", target.get().toASCIIString());
  }

  private void unsubscribePage(Context ctx) {
    Optional<TrackingToken.Unsubscribe> found =
        engagements.unsubscribeToken(ctx.pathParam("token"));
    if (found.isEmpty()) {
      PublicPages.invalidLink(ctx);
      return;
    }
    TrackingToken.Unsubscribe u = found.get();
    MessageOrigin origin = origins.of(new AccountId(u.accountId()), u.campaignId());
    PageTexts texts = texts(ctx, origin);
    String sender = UnsubscribePages.strong(origin.senderOr(texts));
    String address = UnsubscribePages.strong(address(u));
    if (alreadySuppressed(u)) {
      UnsubscribePages.answer(
          ctx, texts, origin, texts.html("unsubscribed.before", address, sender));
      return;
    }
    UnsubscribePages.question(
        ctx, texts, origin, texts.html("unsubscribe.question", sender, address));
  }

  /** The list's language when the message went to a list, else the one the browser asks for. */
  private static PageTexts texts(Context ctx, MessageOrigin origin) {
    return PageTexts.of(ctx, origin.language().orElse(""));
  }

  /**
   * Whether nothing is sent to the contact any more (unsubscribed before, or suppressed for a
   * bounce or complaint): a second visit says so instead of asking again. A failed lookup asks.
   */
  private boolean alreadySuppressed(TrackingToken.Unsubscribe u) {
    try {
      return !audience
          .suppressedAmong(new AccountId(u.accountId()), List.of(u.contactKey()))
          .isEmpty();
    } catch (RuntimeException e) {
      log.warn("the suppression of an unsubscribe page's contact is unknown: {}", e.toString());
      return false;
    }
  }

  /**
   * The page's button and RFC 8058 one-click POSTs ({@code List-Unsubscribe=One-Click}, form or
   * multipart encoded) alike: any POST to a genuine token unsubscribes. Repeating it is harmless.
   */
  private void unsubscribe(Context ctx) {
    String token = ctx.pathParam("token");
    String source = oneClick(ctx) ? Engagements.ONE_CLICK : Engagements.LINK;
    Optional<TrackingToken.Unsubscribe> done;
    try {
      done = engagements.unsubscribe(token, source);
    } catch (RuntimeException e) {
      log.error("an unsubscribe failed", e);
      PublicPages.error(ctx, 503);
      return;
    }
    if (done.isEmpty()) {
      PublicPages.invalidLink(ctx);
      return;
    }
    TrackingToken.Unsubscribe u = done.get();
    MessageOrigin origin = origins.of(new AccountId(u.accountId()), u.campaignId());
    PageTexts texts = texts(ctx, origin);
    UnsubscribePages.answer(
        ctx,
        texts,
        origin,
        texts.html(
            "unsubscribed.text",
            UnsubscribePages.strong(address(u)),
            UnsubscribePages.strong(origin.senderOr(texts))));
  }

  private static boolean oneClick(Context ctx) {
    try {
      return PublicPages.formField(ctx, "List-Unsubscribe")
          .filter("One-Click"::equalsIgnoreCase)
          .isPresent();
    } catch (Problem unreadableBody) {
      return false; // still a POST to a genuine unsubscribe URL: it unsubscribes
    }
  }

  private static String address(TrackingToken.Unsubscribe u) {
    String contactKey = u.contactKey();
    return contactKey.length() > 2 && contactKey.charAt(1) == ':'
        ? contactKey.substring(2)
        : contactKey;
  }

  private static Request request(Context ctx, Method method) {
    return Request.of(method, ctx.header("User-Agent"));
  }
}
