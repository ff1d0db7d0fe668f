package io.herald.channel.viber;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The webhook events of a Viber campaign's recipient, built the same way wherever the delivery flow
 * learns something: {@code viber.delivered}, {@code viber.seen}, {@code viber.failed} and {@code
 * fallback.sent}, each about one phone of one campaign, with {@code data.channel} {@code "viber"},
 * at the time of the clock (when Herald learnt it). Like every {@link WebhookEvents} use it never
 * blocks, and it builds nothing for an account no endpoint wants the type of. The caller emits each
 * once per recipient (the ledger's compare-and-set says when a report moved it); the fallback SMS's
 * own receipt is reported as any SMS's ({@code delivered} / {@code failed} with {@code channel:
 * "sms"}).
 */
public final class ViberEvents {
  private final WebhookEvents events;
  private final Clock clock;

  public ViberEvents(WebhookEvents events, Clock clock) {
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Viber delivered the message to the recipient's app (also when its seen report came first). */
  public void delivered(AccountId account, CampaignId campaign, String phone) {
    emit(EventType.VIBER_DELIVERED, account, campaign, phone, Map.of());
  }

  /** The recipient's Viber showed them the message. */
  public void seen(AccountId account, CampaignId campaign, String phone) {
    emit(EventType.VIBER_SEEN, account, campaign, phone, Map.of());
  }

  /**
   * Viber could not deliver the message.
   *
   * @param reason {@code UNDELIVERED}, {@code EXPIRED} or {@code NOT_VIBER_USER} (by a report, or
   *     answered at send)
   * @param detail the provider's reason or error, {@code ""} when none
   * @param fallback whether the campaign's SMS goes instead ({@code fallback.sent} follows)
   */
  public void failed(
      AccountId account,
      CampaignId campaign,
      String phone,
      ViberReport.State reason,
      String detail,
      boolean fallback) {
    Map<String, Object> data = new HashMap<>();
    data.put("reason", failure(reason));
    data.put("detail", Objects.requireNonNull(detail, "detail"));
    data.put("fallback", fallback);
    emit(EventType.VIBER_FAILED, account, campaign, phone, data);
  }

  /**
   * The campaign's SMS went out instead (the SMSC accepted it), once per recipient; why Viber could
   * not deliver was said by the {@code viber.failed} before it.
   *
   * @param sender the SMS's sender ID (the campaign's fallback sender)
   */
  public void fallbackSent(AccountId account, CampaignId campaign, String phone, String sender) {
    Map<String, Object> data = new HashMap<>();
    data.put("fallback", "sms");
    data.put("sender", Objects.requireNonNull(sender, "sender"));
    emit(EventType.FALLBACK_SENT, account, campaign, phone, data);
  }

  /** The reason on the wire: {@code undelivered}, {@code expired}, {@code not_viber_user}. */
  private static String failure(ViberReport.State reason) {
    return switch (reason) {
      case UNDELIVERED, EXPIRED, NOT_VIBER_USER -> reason.name().toLowerCase(Locale.ROOT);
      case DELIVERED, SEEN, BLOCKED ->
          throw new IllegalArgumentException(reason + " is not a reason Viber failed");
    };
  }

  /**
   * Whether an endpoint of the account wants {@code type}: only then is an event worth building.
   */
  public boolean wants(AccountId account, EventType type) {
    return events.wants(account, type);
  }

  private void emit(
      EventType type,
      AccountId account,
      CampaignId campaign,
      String phone,
      Map<String, Object> particular) {
    if (!events.wants(account, type)) {
      return;
    }
    Map<String, Object> data = new HashMap<>(particular);
    data.put("channel", "viber");
    events.emit(
        WebhookEvent.ofCampaign(type, clock.instant(), account, campaign.value(), phone, data));
  }
}
