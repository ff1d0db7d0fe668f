package io.herald.channel.sms;

import io.herald.account.AccountId;
import io.herald.audience.ContactKeys;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import java.util.Objects;

/**
 * Which recipient an SMS the SMSC accepted was for, so its receipts and replies find their way
 * back: the account; a campaign's id and the recipient's number in its snapshot and phase, or a
 * transactional message's id and the recipient's index in it (phase {@link Phase#ALL}); the phone
 * it went to (E.164); the sender ID or number it was sent from (what a reply is addressed to); and
 * the contact's key, under which an opt-out is counted once per contact whether it came as a STOP
 * reply or through the unsubscribe link.
 */
public record SmsRef(
    AccountId account,
    Origin origin,
    String id,
    long number,
    Phase phase,
    String phone,
    String sender,
    String contactKey) {

  /** What {@link #id} names. */
  public enum Origin {
    CAMPAIGN,
    MESSAGE
  }

  public SmsRef {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(contactKey, "contactKey");
    if (phone.isEmpty()) {
      throw new IllegalArgumentException("an SMS reference needs the phone it went to");
    }
  }

  /**
   * A campaign's SMS to one recipient of its snapshot, sent in {@code phase} from {@code sender}.
   */
  public static SmsRef campaign(
      AccountId account, CampaignId campaign, Recipient recipient, Phase phase, String sender) {
    return new SmsRef(
        account,
        Origin.CAMPAIGN,
        campaign.value(),
        recipient.number(),
        phase,
        recipient.phone(),
        sender,
        recipient.contactKey());
  }

  /** A transactional SMS to {@code phone}, its {@code number}-th recipient. */
  public static SmsRef message(
      AccountId account, String messageId, long number, String phone, String sender) {
    return new SmsRef(
        account,
        Origin.MESSAGE,
        messageId,
        number,
        Phase.ALL,
        phone,
        sender,
        ContactKeys.phone(phone));
  }
}
