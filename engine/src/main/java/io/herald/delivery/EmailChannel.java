package io.herald.delivery;

import io.herald.audience.ContactKeys;
import io.herald.campaign.Campaign;
import io.herald.campaign.Channel;
import io.herald.campaign.Recipient;
import java.util.Locale;
import java.util.Optional;

/**
 * The email channel of campaigns: the message built by a {@link MessageFactory} (template, footers,
 * tracking, DKIM) and sent by an {@link EmailTransport}. A hard bounce (5.1.x) suppresses the
 * address at once.
 */
public final class EmailChannel implements CampaignChannel {
  private final MessageFactory messages;
  private final EmailTransport transport;

  public EmailChannel(MessageFactory messages, EmailTransport transport) {
    this.messages = messages;
    this.transport = transport;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public SendOutcome send(Campaign campaign, Recipient recipient, WorkItem item)
      throws MessageFactory.MessageRefused {
    MessageFactory.Built built = messages.build(campaign, recipient);
    return transport.send(built.envelope(), built.rfc822());
  }

  @Override
  public String acceptedCounter() {
    return "delivered";
  }

  @Override
  public String bouncedCounter(SendOutcome.BounceKind kind) {
    return "bounced_" + kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<String> suppressionOnBounce(Recipient recipient, SendOutcome.BounceKind kind) {
    return kind == SendOutcome.BounceKind.HARD
        ? Optional.of(ContactKeys.email(recipient.email()))
        : Optional.empty();
  }
}
