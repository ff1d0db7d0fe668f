package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.Recipient;

/**
 * Turns a campaign and one recipient into the bytes to send and their envelope: personalised, with
 * the footers, headers, tracking and signature the channel requires. Implementations compile a
 * campaign's template once and reuse it for every recipient.
 */
public interface MessageFactory {
  /** A message ready for the transport. */
  record Built(Envelope envelope, byte[] rfc822) {}

  /** The message, or a {@link MessageRefused} when this recipient's message cannot be made. */
  Built build(Campaign campaign, Recipient recipient) throws MessageRefused;

  /** Why a message could not be made (a template error, say); final for that recipient. */
  final class MessageRefused extends Exception {
    public MessageRefused(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
