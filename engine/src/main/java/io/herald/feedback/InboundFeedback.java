package io.herald.feedback;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.Suppression;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Recipient;
import io.herald.message.Messages;
import io.herald.tracking.Engagements;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.VerpAddress;
import io.herald.tracking.VerpToken;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import java.io.InputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Herald does with a mail that reached its bounce or feedback-loop address (R3, R6, R11): the
 * parser finds which of our messages it is about (by our own signature only), then
 *
 * <ul>
 *   <li>a bounce becomes the recipient's final outcome in its campaign and phase — a DSN after the
 *       remote server had accepted the message moves it from {@code delivered} to {@code
 *       bounced_hard}, {@code bounced_soft} or {@code bounced_policy}, once, however often the DSN
 *       comes — and a hard bounce suppresses the contact for the account;
 *   <li>a complaint suppresses the contact and counts {@code complained} once (as the spam form
 *       does);
 *   <li>a mail to a signed {@code unsub+…@} address (the mailto of {@code List-Unsubscribe}, RFC
 *       2369) unsubscribes that recipient, whatever the mail says;
 *   <li>anything else changes nothing.
 * </ul>
 *
 * A bounce, complaint or mailed unsubscribe about a transactional message (whose id sits in the
 * VERP token where a campaign's would) updates that message's recipient state and suppresses, with
 * no campaign counters. The canary scores these counters, so a list whose addresses bounce by DSN
 * is held like one that bounces during the SMTP exchange. The same entry serves the HTTP inbound
 * endpoint and the relay.
 */
public final class InboundFeedback {
  private static final Logger log = LoggerFactory.getLogger(InboundFeedback.class);

  private final FeedbackParser parser;
  private final TokenSigner signer;
  private final CampaignStore campaigns;
  private final AudienceStore audience;
  private final Engagements engagements;
  private final Messages messages;
  private final Clock clock;
  private final WebhookEvents events;

  public InboundFeedback(
      FeedbackParser parser,
      TokenSigner signer,
      CampaignStore campaigns,
      AudienceStore audience,
      Engagements engagements,
      Messages messages,
      Clock clock,
      WebhookEvents events) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.engagements = Objects.requireNonNull(engagements, "engagements");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * What was done with one mail. {@code outcome}: {@code bounce}, {@code complaint}, {@code
   * unsubscribe}, {@code ignored} or {@code unrecognised}; {@code counted} whether a counter
   * changed (false for a repeated report); {@code detail} one line for logs and the API.
   */
  public record Received(
      String outcome, Optional<String> campaignId, boolean counted, String detail) {}

  /**
   * Acts on one mail: an unsubscribe request when it was sent to a genuine {@code unsub+…@}
   * address, else whatever the parser finds in it (read up to the parser's limit).
   */
  public Received receive(InputStream mail, Optional<String> envelopeRecipient) {
    Optional<VerpToken> unsubscribe =
        envelopeRecipient.flatMap(r -> VerpAddress.parse(r, VerpAddress.Kind.UNSUBSCRIBE, signer));
    if (unsubscribe.isPresent()) {
      // RFC 2369: the request is the mail's arrival at this address; its body says nothing more.
      return unsubscribe(unsubscribe.get());
    }
    return apply(parser.parse(mail, envelopeRecipient));
  }

  private Received unsubscribe(VerpToken token) {
    AccountId account = new AccountId(token.accountId());
    CampaignId campaign = new CampaignId(token.campaignId());
    Optional<String> contactKey =
        campaigns
            .check(account, campaign, token.recipient())
            .recipient()
            .map(Recipient::contactKey);
    if (contactKey.isEmpty()) {
      return new Received("unrecognised", Optional.empty(), false, "no such campaign recipient");
    }
    boolean counted = engagements.unsubscribed(account, campaign, contactKey.get(), "mailto");
    return new Received("unsubscribe", Optional.of(campaign.value()), counted, "mailed request");
  }

  /** Acts on a parsed report. */
  public Received apply(FeedbackReport report) {
    return switch (report) {
      case FeedbackReport.Bounce b -> bounce(b);
      case FeedbackReport.Complaint c -> complaint(c);
      case FeedbackReport.Ignored i ->
          new Received("ignored", Optional.of(i.ref().campaignId()), false, i.reason());
      case FeedbackReport.Unrecognised u ->
          new Received("unrecognised", Optional.empty(), false, u.reason());
    };
  }

  private Received bounce(FeedbackReport.Bounce b) {
    if (messages.bounced(b)) {
      return new Received(
          "bounce",
          Optional.of(b.ref().campaignId()),
          true,
          "transactional message: " + (b.status() + " " + b.diagnostic()).strip());
    }
    AccountId account = new AccountId(b.ref().accountId());
    CampaignId campaign = new CampaignId(b.ref().campaignId());
    String counter = "bounced_" + b.kind().name().toLowerCase(Locale.ROOT);
    String detail = (b.status() + " " + b.diagnostic()).strip();
    Optional<String> contactKey;
    boolean counted;
    switch (b.ref()) {
      case MessageRef.Recipient r -> {
        long number = r.token().recipient();
        contactKey = contactOf(r.token());
        counted =
            contactKey.isPresent()
                && campaigns.recordLateBounce(account, campaign, number, counter);
      }
      // A tracking token names the contact but not its place in the ledger: the address is
      // suppressed on a hard bounce, the counters are left as they are.
      case MessageRef.Contact c -> {
        contactKey = Optional.of(c.contactKey());
        counted = false;
      }
    }
    if (contactKey.isEmpty()) {
      return new Received("unrecognised", Optional.empty(), false, "no such campaign recipient");
    }
    if (b.kind() == FeedbackReport.BounceKind.HARD
        && audience.suppressedAmong(account, java.util.List.of(contactKey.get())).isEmpty()) {
      audience.suppress(
          account,
          new Suppression(contactKey.get(), "hard bounce (DSN): " + detail, clock.instant()));
    }
    if (counted) {
      events.emit(lateBounce(account, campaign, contactKey.get(), b.kind(), detail));
    }
    log.info(
        "campaign {}: {} by mail ({}), counted: {}", campaign.value(), counter, detail, counted);
    return new Received("bounce", Optional.of(campaign.value()), counted, counter + " " + detail);
  }

  private WebhookEvent lateBounce(
      AccountId account,
      CampaignId campaign,
      String contactKey,
      FeedbackReport.BounceKind kind,
      String detail) {
    return WebhookEvent.ofCampaign(
        EventType.BOUNCED,
        clock.instant(),
        account,
        campaign.value(),
        WebhookEvent.recipientOf(contactKey),
        Map.of("kind", kind.name().toLowerCase(Locale.ROOT), "reply", detail, "late", true));
  }

  private Received complaint(FeedbackReport.Complaint c) {
    Received received = complain(c.ref(), "arf");
    return received.outcome().equals("complaint")
        ? new Received(
            "complaint",
            received.campaignId(),
            received.counted(),
            "feedback type " + c.feedbackType())
        : received;
  }

  /**
   * A complaint about the message {@code ref} proves ({@code source}: {@code arf} for a feedback
   * loop's report, {@code form} for the public spam form): the contact is suppressed and {@code
   * complained} counted once.
   */
  public Received complain(MessageRef ref, String source) {
    AccountId account = new AccountId(ref.accountId());
    CampaignId campaign = new CampaignId(ref.campaignId());
    Optional<String> contactKey =
        switch (ref) {
          case MessageRef.Contact k -> Optional.of(k.contactKey());
          case MessageRef.Recipient r -> contactOf(r.token());
        };
    if (contactKey.isEmpty()) {
      return new Received("unrecognised", Optional.empty(), false, "no such campaign recipient");
    }
    boolean counted = engagements.complained(account, campaign, contactKey.get(), source);
    return new Received("complaint", Optional.of(campaign.value()), counted, source);
  }

  /**
   * The contact a signed VERP token names: a campaign's recipient, or a transactional message's
   * (whose id sits where a campaign's would); empty when neither exists (any more).
   */
  private Optional<String> contactOf(VerpToken token) {
    return campaigns
        .check(
            new AccountId(token.accountId()), new CampaignId(token.campaignId()), token.recipient())
        .recipient()
        .map(Recipient::contactKey)
        .or(() -> messages.contactKey(new MessageRef.Recipient(token)));
  }
}
