package io.herald.tracking;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.Suppression;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import io.herald.tracking.EngagementClassifier.Request;
import io.herald.tracking.EngagementClassifier.Verdict;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the public tracking endpoints do with what comes back from a message: verify the signed
 * token, tell a person from a machine, count the engagement (once per contact) and, for
 * unsubscribes and complaints, suppress the contact in the account at once (R3). Anything whose
 * token does not verify — forged, altered, signed with another key, of another kind — changes
 * nothing. The feedback side (ARF reports, the spam form, mailed unsubscribes) calls {@link
 * #complained} and {@link #unsubscribed} directly. Thread-safe.
 */
public final class Engagements {
  private static final Logger log = LoggerFactory.getLogger(Engagements.class);

  /** Sources of the events this class makes itself. */
  public static final String PIXEL = "pixel";

  public static final String LINK = "link";
  public static final String ONE_CLICK = "one-click";

  /** The unsubscribe page of an SMS short link ({@code /s/<code>}). */
  public static final String SMS_LINK = "sms-link";

  private final TokenSigner signer;
  private final EngagementClassifier classifier;
  private final EngagementStore store;
  private final AudienceStore audience;
  private final CampaignStore campaigns;
  private final Clock clock;
  private final OtherMessages others;
  private final WebhookEvents events;

  /**
   * Messages other than campaigns' whose unsubscribe links name them where a campaign id would be
   * (transactional messages, by their message id): an unsubscribe or complaint about one suppresses
   * the contact like a campaign's does, without campaign counters.
   */
  @FunctionalInterface
  public interface OtherMessages {
    boolean exists(AccountId account, String id);
  }

  public Engagements(
      TokenSigner signer,
      EngagementClassifier classifier,
      EngagementStore store,
      AudienceStore audience,
      CampaignStore campaigns,
      Clock clock) {
    this(
        signer,
        classifier,
        store,
        audience,
        campaigns,
        clock,
        (account, id) -> false,
        WebhookEvents.NONE);
  }

  public Engagements(
      TokenSigner signer,
      EngagementClassifier classifier,
      EngagementStore store,
      AudienceStore audience,
      CampaignStore campaigns,
      Clock clock,
      OtherMessages others,
      WebhookEvents events) {
    this.others = others;
    this.events = events;
    this.signer = signer;
    this.classifier = classifier;
    this.store = store;
    this.audience = audience;
    this.campaigns = campaigns;
    this.clock = clock;
  }

  /**
   * Records the open a pixel request stands for, if its token is a genuine open token. Returns
   * whether it was one; the endpoint answers with the pixel either way, so as not to tell anyone.
   */
  public boolean open(String token, Request request) {
    if (!(signer.verify(token).orElse(null) instanceof TrackingToken.Open open)) {
      return false;
    }
    try {
      record(
          new Engagement(
              new AccountId(open.accountId()),
              new CampaignId(open.campaignId()),
              open.contactKey(),
              Engagement.Kind.OPENED,
              classifier.open(request, open.issuedAt()),
              PIXEL,
              clock.instant()),
          Map.of());
    } catch (RuntimeException e) {
      log.warn("an open of campaign {} was not recorded: {}", open.campaignId(), e.toString());
    }
    return true;
  }

  /**
   * Records the click a redirect request stands for and returns where to send the browser; empty
   * (nothing recorded, no redirect) unless the token is a genuine click token for an http(s) URL.
   */
  public Optional<URI> click(String token, Request request) {
    if (!(signer.verify(token).orElse(null) instanceof TrackingToken.Click click)) {
      return Optional.empty();
    }
    return clicked(
        new AccountId(click.accountId()),
        new CampaignId(click.campaignId()),
        click.contactKey(),
        click.url(),
        click.issuedAt(),
        request);
  }

  /**
   * Records a click on {@code url} in a message issued at {@code issuedAt} (the caller has proved
   * the link genuine: a signed token, a stored short link) and returns where to send the browser;
   * empty (nothing recorded) unless {@code url} is http(s).
   */
  public Optional<URI> clicked(
      AccountId account,
      CampaignId campaign,
      String contactKey,
      String url,
      Instant issuedAt,
      Request request) {
    Optional<URI> target = RedirectTarget.of(url);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    // The recipient reaches the link even when the click cannot be recorded (Redis away).
    try {
      var recent = store.noteClick(account, campaign, contactKey, url, now);
      record(
          new Engagement(
              account,
              campaign,
              contactKey,
              Engagement.Kind.CLICKED,
              classifier.click(request, issuedAt, url, recent),
              LINK,
              now),
          Map.of("url", url));
    } catch (RuntimeException e) {
      log.warn("a click of campaign {} was not recorded: {}", campaign, e.toString());
    }
    return target;
  }

  /** Whether the account still has this campaign, or another message by this id. */
  public boolean messageExists(AccountId account, String id) {
    return campaigns.find(account, new CampaignId(id)).isPresent() || others.exists(account, id);
  }

  /** The unsubscribe a token stands for, without doing anything (the page a GET shows). */
  public Optional<TrackingToken.Unsubscribe> unsubscribeToken(String token) {
    return signer.verify(token).orElse(null) instanceof TrackingToken.Unsubscribe u
        ? Optional.of(u)
        : Optional.empty();
  }

  /**
   * Unsubscribes the contact a genuine unsubscribe token names ({@code source}: {@link #LINK} for
   * the page's button, {@link #ONE_CLICK} for an RFC 8058 POST); empty for any other token.
   * Repeating it changes nothing.
   */
  public Optional<TrackingToken.Unsubscribe> unsubscribe(String token, String source) {
    Optional<TrackingToken.Unsubscribe> found = unsubscribeToken(token);
    found.ifPresent(
        u ->
            unsubscribed(
                new AccountId(u.accountId()),
                new CampaignId(u.campaignId()),
                u.contactKey(),
                source));
    return found;
  }

  /**
   * The contact asked to receive nothing more from the account: suppressed at once ({@code
   * unsubscribed (<source>)}), counted as {@code unsubscribed} once (a transactional message's: not
   * counted), logged. Nothing happens for a campaign that no longer exists (its account was
   * deleted, R12: nothing of it is written again). True when this call counted it (false when it
   * was counted before, is a transactional message's, or the campaign is gone).
   */
  public boolean unsubscribed(
      AccountId account, CampaignId campaign, String contactKey, String source) {
    return unsubscribed(account, campaign, contactKey, contactKey, source);
  }

  /**
   * The same, where what is suppressed is not the contact key the message went to: an SMS's
   * unsubscribe suppresses the phone ({@code p:<E.164>}), while the unsubscribe is counted (once)
   * for the recipient's contact key, whose phase the canary knows.
   */
  public boolean unsubscribed(
      AccountId account,
      CampaignId campaign,
      String contactKey,
      String suppressionKey,
      String source) {
    return withdraw(
        account, campaign, contactKey, suppressionKey, Engagement.Kind.UNSUBSCRIBED, source);
  }

  /**
   * The contact reported a message of the campaign as spam (a feedback-loop ARF report, the public
   * spam form): suppressed at once ({@code spam complaint (<source>)}), counted as {@code
   * complained} once, logged. True when this call counted it.
   */
  public boolean complained(
      AccountId account, CampaignId campaign, String contactKey, String source) {
    return withdraw(account, campaign, contactKey, contactKey, Engagement.Kind.COMPLAINED, source);
  }

  private boolean withdraw(
      AccountId account,
      CampaignId campaign,
      String contactKey,
      String suppressionKey,
      Engagement.Kind kind,
      String source) {
    boolean isCampaign = campaigns.find(account, campaign).isPresent();
    if (!isCampaign && !others.exists(account, campaign.value())) {
      return false;
    }
    Instant now = clock.instant();
    // Suppress first: whatever happens to the count, nothing more is sent to this contact. An
    // earlier suppression (a hard bounce, an unsubscribe before) keeps its reason and time.
    boolean newlySuppressed = audience.suppressedAmong(account, List.of(suppressionKey)).isEmpty();
    if (newlySuppressed) {
      String reason =
          kind == Engagement.Kind.COMPLAINED
              ? "spam complaint (" + source + ")"
              : "unsubscribed (" + source + ")";
      audience.suppress(account, new Suppression(suppressionKey, reason, now));
    }
    if (!isCampaign) {
      log.info("{} of a transactional message in account {}", kind, account);
      if (newlySuppressed) { // not counted anywhere: the first suppression is its first time
        events.emit(
            WebhookEvent.ofMessage(
                type(kind),
                now,
                account,
                campaign.value(),
                WebhookEvent.recipientOf(contactKey),
                Map.of("source", source, "human", true)));
      }
      return false;
    }
    return record(
            new Engagement(account, campaign, contactKey, kind, new Verdict.Human(), source, now),
            Map.of("source", source))
        instanceof EngagementStore.Recorded.Counted;
  }

  /**
   * Counts the engagement and, when it was counted now (the contact's first of its kind and
   * verdict), reports it to webhooks with {@code data}, {@code human} and a machine's reason.
   */
  private EngagementStore.Recorded record(Engagement engagement, Map<String, Object> data) {
    EngagementStore.Recorded recorded = store.record(engagement);
    if (recorded instanceof EngagementStore.Recorded.Counted counted) {
      events.emit(event(engagement, counted.verdict(), data));
    }
    return recorded;
  }

  private static WebhookEvent event(
      Engagement engagement, Verdict verdict, Map<String, Object> data) {
    Map<String, Object> all = new HashMap<>(data);
    all.put("human", verdict instanceof Verdict.Human);
    if (verdict instanceof Verdict.Machine machine) {
      all.put("machineReason", machine.reason().name().toLowerCase(java.util.Locale.ROOT));
    }
    return WebhookEvent.ofCampaign(
        type(engagement.kind()),
        engagement.at(),
        engagement.account(),
        engagement.campaign().value(),
        WebhookEvent.recipientOf(engagement.contactKey()),
        all);
  }

  private static EventType type(Engagement.Kind kind) {
    return switch (kind) {
      case OPENED -> EventType.OPENED;
      case CLICKED -> EventType.CLICKED;
      case UNSUBSCRIBED -> EventType.UNSUBSCRIBED;
      case COMPLAINED -> EventType.COMPLAINED;
    };
  }
}
