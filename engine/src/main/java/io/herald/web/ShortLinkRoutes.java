package io.herald.web;

import io.herald.audience.AudienceStore;
import io.herald.audience.ContactKeys;
import io.herald.campaign.CampaignId;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.tracking.EngagementClassifier.Method;
import io.herald.tracking.EngagementClassifier.Request;
import io.herald.tracking.Engagements;
import io.herald.tracking.ShortLink;
import io.herald.tracking.ShortLinkCodes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public endpoints of SMS short links (no authentication: the code is the proof): {@code GET
 * /s/<code>}, the recipient's unsubscribe page in the list's language, whose button POSTs back to
 * the same URL and suppresses the phone at once; and {@code /l/<code>}, a tracked link that counts
 * a click and redirects. Both count through {@link Engagements} as email's links do (once per
 * recipient and phase, link scanners apart), so the canary sees them. A GET never unsubscribes, so
 * link previews and scanners that fetch every URL of a message cannot unsubscribe anyone; the form
 * needs no CSRF token, since no cookie or session gives a forged POST anything the code alone does
 * not. The page shows the phone masked ({@code +380•••••••67}): whoever holds a code learns no
 * number from it. Codes are guessed by fetching many: a client address that asked for {@value
 * #MISS_BURST} codes that lead nowhere within a minute gets 429 for a while, even for real codes,
 * so guessing stays hopeless (see {@code store.redis.RedisShortLinks}).
 */
final class ShortLinkRoutes {
  private static final Logger log = LoggerFactory.getLogger(ShortLinkRoutes.class);

  /** Unknown codes a client address may ask for per minute, per node. */
  static final int MISS_BURST = 60;

  private static final int MAX_REMEMBERED = 100_000;

  private final ShortLinkCodes codes;
  private final Engagements engagements;
  private final MessageOrigins origins;
  private final AudienceStore audience;
  private final RateLimits misses;

  ShortLinkRoutes(
      ShortLinkCodes codes,
      Engagements engagements,
      MessageOrigins origins,
      AudienceStore audience,
      Clock clock) {
    this.codes = codes;
    this.engagements = engagements;
    this.origins = origins;
    this.audience = audience;
    this.misses = new RateLimits(1, MISS_BURST, MAX_REMEMBERED, clock);
  }

  void register(Javalin app) {
    app.get("/s/{code}", this::unsubscribePage);
    app.post("/s/{code}", this::unsubscribe);
    app.get("/l/{code}", ctx -> click(ctx, Method.GET));
    app.head("/l/{code}", ctx -> click(ctx, Method.HEAD));
  }

  private void unsubscribePage(Context ctx) {
    Optional<ShortLinkTarget> found = unsubscribeTarget(ctx);
    if (found.isEmpty()) {
      PublicPages.invalidLink(ctx);
      return;
    }
    ShortLinkTarget target = found.get();
    MessageOrigin origin = origins.of(target.account(), target.campaign());
    PageTexts texts = PageTexts.of(ctx, target.language());
    String phone = UnsubscribePages.strong(masked(target.phone()));
    String sender = UnsubscribePages.strong(origin.senderOr(texts));
    if (!audience
        .suppressedAmong(target.account(), List.of(ContactKeys.phone(target.phone())))
        .isEmpty()) {
      UnsubscribePages.answer(
          ctx, texts, origin, texts.html("sms.unsubscribed.before", phone, sender));
      return;
    }
    UnsubscribePages.question(
        ctx, texts, origin, texts.html("sms.unsubscribe.question", sender, phone));
  }

  /** The page's button: suppresses the phone in the account and counts the unsubscribe once. */
  private void unsubscribe(Context ctx) {
    Optional<ShortLinkTarget> found = unsubscribeTarget(ctx);
    if (found.isEmpty()) {
      PublicPages.invalidLink(ctx);
      return;
    }
    ShortLinkTarget target = found.get();
    try {
      engagements.unsubscribed(
          target.account(),
          new CampaignId(target.campaign()),
          target.contactKey(),
          ContactKeys.phone(target.phone()),
          Engagements.SMS_LINK);
    } catch (RuntimeException e) {
      log.error("an SMS unsubscribe failed", e);
      PublicPages.error(ctx, 503);
      return;
    }
    MessageOrigin origin = origins.of(target.account(), target.campaign());
    PageTexts texts = PageTexts.of(ctx, target.language());
    UnsubscribePages.answer(
        ctx,
        texts,
        origin,
        texts.html(
            "sms.unsubscribed.text",
            UnsubscribePages.strong(masked(target.phone())),
            UnsubscribePages.strong(origin.senderOr(texts))));
  }

  private void click(Context ctx, Method method) {
    Optional<URI> destination =
        find(ctx)
            .filter(link -> link instanceof ShortLink.Click)
            .map(ShortLink.Click.class::cast)
            .flatMap(
                link ->
                    engagements.clicked(
                        link.target().account(),
                        new CampaignId(link.target().campaign()),
                        link.target().contactKey(),
                        link.url(),
                        link.issuedAt(),
                        Request.of(method, ctx.header("User-Agent"))));
    if (destination.isEmpty()) {
      PublicPages.invalidLink(ctx);
      return;
    }
    // no-referrer: the short link is not passed on to the destination site.
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.status(302).header("Location", destination.get().toASCIIString());
  }

  /** An unsubscribe code's recipient, while the message it came with still exists (R12). */
  private Optional<ShortLinkTarget> unsubscribeTarget(Context ctx) {
    return find(ctx)
        .filter(link -> link instanceof ShortLink.Unsubscribe)
        .map(ShortLink::target)
        .filter(t -> engagements.messageExists(t.account(), t.campaign()));
  }

  /**
   * The link the path's code stands for. A client address out of misses is refused before the
   * lookup, so that its answers tell it nothing about which codes exist.
   */
  private Optional<ShortLink> find(Context ctx) {
    long wait = misses.waitWithoutTaking(ctx.ip());
    if (wait > 0) {
      throw Problem.tooManyRequests(
          "too many unknown links from this address; try again in " + wait + " s", wait);
    }
    Optional<ShortLink> found = codes.find(ctx.pathParam("code"));
    if (found.isEmpty()) {
      misses.acquire(ctx.ip());
    }
    return found;
  }

  /** The number with all but its country's first digits and its last two hidden. */
  static String masked(String e164) {
    int shown = Math.min(4, Math.max(0, e164.length() - 6));
    int hidden = Math.max(0, e164.length() - shown - 2);
    return e164.substring(0, shown) + "•".repeat(hidden) + e164.substring(shown + hidden);
  }
}
