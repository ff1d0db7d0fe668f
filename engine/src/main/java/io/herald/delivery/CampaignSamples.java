package io.herald.delivery;

import io.herald.audience.AudienceStore;
import io.herald.audience.Contact;
import io.herald.audience.ContactKeys;
import io.herald.campaign.Campaign;
import io.herald.campaign.Recipient;
import io.herald.importers.EmailAddress;
import io.herald.importers.InvalidAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Previews and test sends: the exact message one contact would get, and the campaign sent to a few
 * given addresses (which need not be on the list) before the real start. A test send is not a
 * campaign message: it is not counted, not in the ledger, and uses recipient number 0.
 */
public final class CampaignSamples {
  public static final int MAX_TEST_ADDRESSES = 10;

  private final AudienceStore audience;
  private final MessageFactory messages;
  private final EmailTransport transport;

  public CampaignSamples(
      AudienceStore audience, MessageFactory messages, EmailTransport transport) {
    this.audience = audience;
    this.messages = messages;
    this.transport = transport;
  }

  /** A test send's result for one address. */
  public record Sent(String address, SendOutcome outcome) {}

  /** The message as {@code email} would get it: from the list when on it, else without fields. */
  public MessageFactory.Built preview(Campaign campaign, String email)
      throws MessageFactory.MessageRefused, InvalidAddressException {
    return messages.build(campaign, recipient(campaign, email));
  }

  public List<Sent> testSend(Campaign campaign, List<String> addresses)
      throws MessageFactory.MessageRefused, InvalidAddressException {
    if (addresses.isEmpty() || addresses.size() > MAX_TEST_ADDRESSES) {
      throw new InvalidAddressException(
          "give 1 to " + MAX_TEST_ADDRESSES + " addresses for a test send");
    }
    List<Recipient> recipients = new ArrayList<>();
    for (String address : addresses) {
      recipients.add(recipient(campaign, address));
    }
    List<Sent> sent = new ArrayList<>();
    for (Recipient recipient : recipients) {
      MessageFactory.Built built = messages.build(campaign, recipient);
      sent.add(new Sent(recipient.email(), transport.send(built.envelope(), built.rfc822())));
    }
    return sent;
  }

  private Recipient recipient(Campaign campaign, String email) throws InvalidAddressException {
    String normalised = EmailAddress.parse(email).value();
    Optional<Contact> member =
        audience
            .findList(campaign.account(), campaign.listName())
            .flatMap(
                list ->
                    audience.findMember(
                        campaign.account(), list.id(), ContactKeys.email(normalised)));
    return member
        .map(c -> new Recipient(0, c.key(), c.email(), c.phone(), c.name(), c.attributes()))
        .orElseGet(
            () -> new Recipient(0, ContactKeys.email(normalised), normalised, "", "", Map.of()));
  }
}
