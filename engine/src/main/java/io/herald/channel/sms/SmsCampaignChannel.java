package io.herald.channel.sms;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.ContactList;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import io.herald.channel.email.TemplateException;
import io.herald.delivery.CampaignChannel;
import io.herald.delivery.MessageFactory;
import io.herald.delivery.SendOutcome;
import io.herald.delivery.WorkItem;
import io.herald.store.GroupCommit;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SMS channel of campaigns: one recipient's text composed (personalised, links shortened,
 * opt-out line), submitted through the {@link SmsGateway}, and, once the SMSC accepted it, its
 * message ids handed to the {@link SmsReceiptStore} so that receipts and replies find the
 * recipient. The ledger records {@code submitted}; the receipt decides the final outcome later. A
 * marketing SMS waits for the end of the recipient's quiet hours.
 */
public final class SmsCampaignChannel implements CampaignChannel {
  private static final int CACHED_CAMPAIGNS = 256;

  private final SmsComposer composer;
  private final SmsGateway gateway;
  private final SmsFeedback feedback;
  private final CampaignStore campaigns;
  private final AudienceStore audience;
  private final QuietHours quietHours;
  private final Map<CampaignId, Compiled> compiled = new ConcurrentHashMap<>();
  private final GroupCommit<Counted, Boolean> partsCounted = new GroupCommit<>(256, this::count);

  /** Parts to count for a campaign's phase; {@code parts} 0 in the key of a sum. */
  private record Counted(AccountId account, CampaignId campaign, Phase phase, int parts) {}

  /** A campaign's template, sender and list language, prepared once. */
  private record Compiled(SmsTemplate template, SenderId sender, String language) {}

  /** What the channel works with, wired by the composition root. */
  public record Parts(
      SmsComposer composer,
      SmsGateway gateway,
      SmsFeedback feedback,
      CampaignStore campaigns,
      AudienceStore audience,
      QuietHours quietHours) {}

  public SmsCampaignChannel(Parts parts) {
    this.composer = parts.composer();
    this.gateway = parts.gateway();
    this.feedback = parts.feedback();
    this.campaigns = parts.campaigns();
    this.audience = parts.audience();
    this.quietHours = parts.quietHours();
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public SendOutcome send(Campaign campaign, Recipient recipient, WorkItem item)
      throws MessageFactory.MessageRefused {
    Compiled prepared = prepared(campaign);
    ShortLinkTarget target =
        new ShortLinkTarget(
            campaign.account(),
            campaign.id().value(),
            recipient.number(),
            recipient.contactKey(),
            recipient.phone(),
            prepared.language());
    ComposedSms sms;
    try {
      sms = composer.compose(prepared.template(), target, recipient.name(), recipient.fields());
    } catch (SmsTextRefused e) {
      throw new MessageFactory.MessageRefused(e.getMessage(), e);
    }
    SubmitOutcome outcome =
        gateway.submit(
            new SmsSubmission(prepared.sender(), recipient.phone(), sms.encoded(), true));
    return switch (outcome) {
      case SubmitOutcome.Accepted a -> accepted(campaign, recipient, item, prepared, sms, a);
      case SubmitOutcome.Deferred d ->
          new SendOutcome.Deferred(d.reason(), d.throttled(), d.retryNoSoonerThan());
      case SubmitOutcome.Refused r ->
          new SendOutcome.Bounced(SendOutcome.BounceKind.POLICY, "SMSC refused it: " + r.reason());
    };
  }

  private SendOutcome accepted(
      Campaign campaign,
      Recipient recipient,
      WorkItem item,
      Compiled prepared,
      ComposedSms sms,
      SubmitOutcome.Accepted accepted) {
    // Counted with every other worker's SMS of the moment: one increment per campaign and phase.
    partsCounted.commit(
        new Counted(campaign.account(), campaign.id(), item.phase(), sms.encoded().parts().size()));
    SmsRef ref =
        SmsRef.campaign(
            campaign.account(), campaign.id(), recipient, item.phase(), prepared.sender().value());
    // Before the worker records "submitted": a node dying in between leaves a message that times
    // out, not one no receipt can find. A receipt that overtook the submit's answer applies now.
    feedback.submitted(accepted.messageIds(), ref);
    return new SendOutcome.Delivered("accepted as " + String.join(",", accepted.messageIds()));
  }

  private List<Boolean> count(List<Counted> batch) {
    Map<Counted, Long> sums = new LinkedHashMap<>();
    for (Counted c : batch) {
      sums.merge(new Counted(c.account(), c.campaign(), c.phase(), 0), (long) c.parts(), Long::sum);
    }
    sums.forEach((c, n) -> campaigns.countBy(c.account(), c.campaign(), c.phase(), "parts", n));
    return Collections.nCopies(batch.size(), true);
  }

  private Compiled prepared(Campaign campaign) throws MessageFactory.MessageRefused {
    Compiled cached = compiled.get(campaign.id());
    if (cached != null) {
      return cached;
    }
    SenderId sender;
    SmsTemplate template;
    try {
      sender = SenderId.parse(campaign.fromAddress());
      template =
          SmsTemplate.compile(
              campaign.text().orElse(""), SmsTemplate.Purpose.MARKETING, campaign.trackClicks());
    } catch (SenderIdRefused | TemplateException e) {
      throw new MessageFactory.MessageRefused(e.getMessage(), e);
    }
    String language =
        audience
            .findList(campaign.account(), campaign.listName())
            .map(ContactList::language)
            .orElse("uk");
    Compiled fresh = new Compiled(template, sender, language);
    if (compiled.size() >= CACHED_CAMPAIGNS) {
      compiled.clear();
    }
    compiled.put(campaign.id(), fresh);
    return fresh;
  }

  @Override
  public String acceptedCounter() {
    return "submitted";
  }

  @Override
  public String bouncedCounter(SendOutcome.BounceKind kind) {
    return "rejected";
  }

  @Override
  public Optional<String> suppressionOnBounce(Recipient recipient, SendOutcome.BounceKind kind) {
    // An SMSC's refusal says little about the number; undeliverable receipts suppress it after
    // sms.undeliverableLimit of them (SmsFeedback).
    return Optional.empty();
  }

  @Override
  public Optional<Instant> notBefore(Campaign campaign, Recipient recipient, Instant now) {
    return quietHours.waitUntil(recipient.phone(), now);
  }
}
