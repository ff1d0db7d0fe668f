package io.herald.web;

import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.audience.AudienceStore;
import io.herald.audience.ContactList;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds whose message a recipient's page is about: the account (its name is the company's, as the
 * account was created), the sender the campaign named, and the list it went to, whose consent
 * statement (R4) and language (R15) the page shows and speaks. A transactional message has no
 * campaign, so only the company is known. A failed lookup leaves the parts it could not read empty
 * (and is logged): a recipient still gets the page, only with less said on it.
 */
final class MessageOrigins {
  private static final Logger log = LoggerFactory.getLogger(MessageOrigins.class);

  private final AccountStore accounts;
  private final CampaignStore campaigns;
  private final AudienceStore audience;

  MessageOrigins(AccountStore accounts, CampaignStore campaigns, AudienceStore audience) {
    this.accounts = accounts;
    this.campaigns = campaigns;
    this.audience = audience;
  }

  /** Whose message {@code messageId} (a campaign's id, or a transactional message's) is. */
  MessageOrigin of(AccountId account, String messageId) {
    try {
      Optional<String> company = accounts.find(account).map(a -> a.name());
      Optional<Campaign> campaign = campaigns.find(account, new CampaignId(messageId));
      Optional<ContactList> list = campaign.flatMap(c -> audience.findList(account, c.listName()));
      return new MessageOrigin(
          company.filter(name -> !name.isBlank()),
          campaign.map(MessageOrigins::senderName),
          list.map(ContactList::consentStatement).filter(s -> s != null && !s.isBlank()),
          list.map(ContactList::language));
    } catch (RuntimeException e) {
      log.warn("whose message {} is could not be read: {}", messageId, e.toString());
      return MessageOrigin.UNKNOWN;
    }
  }

  private static String senderName(Campaign c) {
    return c.fromName().isBlank() ? c.fromAddress() : c.fromName() + " <" + c.fromAddress() + ">";
  }
}
