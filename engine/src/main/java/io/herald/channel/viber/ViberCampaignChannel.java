package io.herald.channel.viber;

import io.herald.campaign.Campaign;
import io.herald.campaign.Channel;
import io.herald.campaign.Recipient;
import io.herald.campaign.ViberSpec;
import io.herald.delivery.CampaignChannel;
import io.herald.delivery.MessageFactory;
import io.herald.delivery.SendOutcome;
import io.herald.delivery.WorkItem;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Viber channel of campaigns: one recipient's message composed (personalised, tracked button,
 * unsubscribe link) and sent through the {@link ViberGateway} under Herald's own message id ({@link
 * ViberRef}). The ledger records {@code viber_submitted}; the reports decide later ({@link
 * ViberFeedback}), and a message nobody reports on is looked at again after its validity ({@link
 * ViberDue}). A number the provider says at once is no Viber user is handled as that report. A
 * recipient waiting for the SMS fallback ({@code fallback_pending}) goes on with {@link #after}:
 * the campaign's SMS text through the SMS channel, in the same ledger entry.
 */
public final class ViberCampaignChannel implements CampaignChannel {
  /** How long after a message's validity its reports are still waited for. */
  public static final Duration REPORT_GRACE = Duration.ofMinutes(15);

  /** Makes one recipient's message of a campaign. */
  @FunctionalInterface
  public interface Composer {
    ViberContent compose(Campaign campaign, Recipient recipient)
        throws MessageFactory.MessageRefused;
  }

  /** What the channel works with, wired by the composition root. */
  public record Parts(
      Composer composer,
      ViberGateway gateway,
      ViberFeedback feedback,
      ViberDue due,
      Optional<CampaignChannel> sms,
      ViberFeedback.Events events,
      Clock clock) {}

  private final Parts parts;

  public ViberCampaignChannel(Parts parts) {
    this.parts = parts;
  }

  @Override
  public Channel channel() {
    return Channel.VIBER;
  }

  @Override
  public SendOutcome send(Campaign campaign, Recipient recipient, WorkItem item)
      throws MessageFactory.MessageRefused {
    ViberSpec spec =
        campaign
            .viber()
            .orElseThrow(() -> new MessageFactory.MessageRefused("no Viber settings", null));
    ViberRef ref =
        new ViberRef(campaign.account(), campaign.id(), recipient.number(), item.phase());
    ViberContent content = parts.composer().compose(campaign, recipient);
    ViberSendOutcome outcome =
        parts
            .gateway()
            .send(
                new ViberSubmission(
                    ref.messageId(),
                    campaign.fromAddress(),
                    recipient.phone(),
                    content,
                    spec.ttl(),
                    true));
    return switch (outcome) {
      case ViberSendOutcome.Accepted a -> {
        // Before the worker records viber_submitted: a node dying in between leaves a message the
        // sweep finds after its validity, not one nobody looks at again.
        parts
            .due()
            .expect(ref.messageId(), parts.clock().instant().plus(spec.ttl()).plus(REPORT_GRACE));
        yield new SendOutcome.Delivered("accepted as " + a.providerMessageId());
      }
      case ViberSendOutcome.NotViberUser n -> {
        // As its report would: the fallback (or not_viber_user) is recorded now, and the worker's
        // viber_submitted then finds the recipient's outcome taken and changes nothing.
        parts
            .feedback()
            .report(
                new ViberReport(
                    ref.messageId(),
                    ViberReport.State.NOT_VIBER_USER,
                    n.reason(),
                    parts.clock().instant()));
        yield new SendOutcome.Delivered("not a Viber user: " + n.reason());
      }
      case ViberSendOutcome.Deferred d ->
          new SendOutcome.Deferred(d.reason(), d.throttled(), d.retryAfter().orElse(Duration.ZERO));
      case ViberSendOutcome.Refused r ->
          new SendOutcome.Bounced(
              SendOutcome.BounceKind.POLICY, "the Viber provider refused it: " + r.reason());
    };
  }

  @Override
  public Optional<CampaignChannel> after(Campaign campaign, String outcome) {
    if (!ViberOutcomes.FALLBACK_PENDING.equals(outcome)
        || !campaign.viber().map(ViberSpec::fallsBackToSms).orElse(false)) {
      return Optional.empty();
    }
    return parts.sms().map(sms -> new SmsFallback(sms, parts.due(), parts.events()));
  }

  @Override
  public String acceptedCounter() {
    return ViberOutcomes.SUBMITTED;
  }

  @Override
  public String bouncedCounter(SendOutcome.BounceKind kind) {
    return ViberOutcomes.REJECTED;
  }

  @Override
  public Optional<String> suppressionOnBounce(Recipient recipient, SendOutcome.BounceKind kind) {
    // A provider's refusal says little about the number; blocking the sender suppresses it.
    return Optional.empty();
  }
}
