package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.Channel;
import io.herald.campaign.Recipient;
import java.time.Instant;
import java.util.Optional;

/**
 * What the delivery worker needs of a channel (email, SMS): send one recipient's message of a
 * campaign, and how that channel names its outcomes. Everything else — the queue, the ledger,
 * retries, suppression checks, completion, statistics — is the worker's and the same for every
 * channel.
 */
public interface CampaignChannel {
  Channel channel();

  /**
   * Builds and sends one recipient's message. Every failure of the network comes back as an
   * outcome; {@link MessageFactory.MessageRefused} says this recipient's message cannot be made.
   */
  SendOutcome send(Campaign campaign, Recipient recipient, WorkItem item)
      throws MessageFactory.MessageRefused;

  /**
   * The ledger counter of a message the next hop accepted: {@code delivered} for email (the
   * receiving server took it); {@code submitted} for SMS, whose receipt decides later.
   */
  String acceptedCounter();

  /** The ledger counter of a message refused for good. */
  String bouncedCounter(SendOutcome.BounceKind kind);

  /**
   * The suppression key to record at once for a message refused for good, when such a refusal says
   * the address is dead (an email hard bounce); empty otherwise.
   */
  Optional<String> suppressionOnBounce(Recipient recipient, SendOutcome.BounceKind kind);

  /**
   * The channel that goes on with a recipient whose ledger outcome is {@code outcome} — a Viber
   * message that Viber could not deliver, waiting for its SMS fallback ({@code fallback_pending}) —
   * or empty when that outcome is final (the usual case: a recipient with an outcome is never sent
   * to again). What the returned channel records replaces {@code outcome} in the ledger.
   */
  default Optional<CampaignChannel> after(Campaign campaign, String outcome) {
    return Optional.empty();
  }

  /** When the message must wait before it is sent (SMS quiet hours); empty to send now. */
  default Optional<Instant> notBefore(Campaign campaign, Recipient recipient, Instant now) {
    return Optional.empty();
  }
}
