package io.herald.webhook;

import io.herald.account.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a message of an account, on its way to the account's webhook
 * endpoints. It gets its id ({@code evt_…}) when it is written to the outbox, so making one costs
 * nothing but the record.
 *
 * @param messageId the transactional message's id, empty for a campaign's message
 * @param campaign the campaign's id, empty for a transactional message
 * @param recipient the address (or phone number) the event is about; empty for a ping
 * @param data what is particular to the type: {@code kind} of a bounce, {@code url} of a click…
 */
public record WebhookEvent(
    EventType type,
    Instant at,
    AccountId account,
    Optional<String> messageId,
    Optional<String> campaign,
    Optional<String> recipient,
    Map<String, Object> data) {

  public WebhookEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(recipient, "recipient");
    data = Map.copyOf(data);
  }

  /** An event about one recipient of a transactional message. */
  public static WebhookEvent ofMessage(
      EventType type,
      Instant at,
      AccountId account,
      String messageId,
      String recipient,
      Map<String, Object> data) {
    return new WebhookEvent(
        type, at, account, Optional.of(messageId), Optional.empty(), Optional.of(recipient), data);
  }

  /** An event about one recipient of a campaign. */
  public static WebhookEvent ofCampaign(
      EventType type,
      Instant at,
      AccountId account,
      String campaign,
      String recipient,
      Map<String, Object> data) {
    return new WebhookEvent(
        type, at, account, Optional.empty(), Optional.of(campaign), Optional.of(recipient), data);
  }

  /**
   * The address a contact key ({@code e:<email>}, {@code p:<E.164>}) stands for, as events name
   * recipients.
   */
  public static String recipientOf(String contactKey) {
    return contactKey.length() > 2 && contactKey.charAt(1) == ':'
        ? contactKey.substring(2)
        : contactKey;
  }
}
