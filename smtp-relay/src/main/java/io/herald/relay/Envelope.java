package io.herald.relay;

import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope of one message: the reverse path, its ESMTP parameters and the accepted
 * recipients, in the order the client gave them.
 *
 * @param sender the reverse path; {@link Address#NULL} for bounces
 * @param mailParameters the MAIL FROM parameters, keys in upper case (such as {@code SIZE}, {@code
 *     BODY}); values as given, or empty for a keyword without value
 * @param recipients the recipients the backend accepted, never empty when a message is delivered
 */
public record Envelope(
    Address sender, Map<String, String> mailParameters, List<Address> recipients) {

  /** Copies the collections so the envelope is immutable. */
  public Envelope {
    mailParameters = Map.copyOf(mailParameters);
    recipients = List.copyOf(recipients);
  }

  /** The same envelope with one more recipient. */
  public Envelope withRecipient(Address recipient) {
    List<Address> more = new java.util.ArrayList<>(recipients);
    more.add(recipient);
    return new Envelope(sender, mailParameters, more);
  }
}
