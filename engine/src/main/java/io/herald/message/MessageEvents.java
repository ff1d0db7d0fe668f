package io.herald.message;

import io.herald.account.AccountId;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook event a transactional copy's new state reports, the same for email and SMS: {@code
 * delivered}, {@code deferred}, {@code bounced}, and {@code failed} for a copy that will not arrive
 * (refused, out of retries, an SMS receipt other than delivered). Queued, submitted and suppressed
 * copies report nothing.
 */
final class MessageEvents {
  private MessageEvents() {}

  static Optional<WebhookEvent> of(
      AccountId account, MessageId message, String address, DeliveryState state) {
    return switch (state) {
      case DeliveryState.Delivered d ->
          event(account, message, address, d, EventType.DELIVERED, Map.of("reply", d.reply()));
      case DeliveryState.Deferred d ->
          event(
              account,
              message,
              address,
              d,
              EventType.DEFERRED,
              Map.of(
                  "attempt", d.attempts(),
                  "reason", d.reason(),
                  "nextAttemptAt", d.nextTry().toString()));
      case DeliveryState.Bounced b ->
          event(
              account,
              message,
              address,
              b,
              EventType.BOUNCED,
              Map.of("kind", b.kind().name().toLowerCase(Locale.ROOT), "reply", b.reply()));
      case DeliveryState.Failed f ->
          event(
              account,
              message,
              address,
              f,
              EventType.FAILED,
              Map.of("outcome", f.name(), "reason", f.reason()));
      case DeliveryState.Undelivered u ->
          event(
              account,
              message,
              address,
              u,
              EventType.FAILED,
              Map.of("outcome", u.name(), "error", u.error()));
      case DeliveryState.Queued q -> Optional.empty();
      case DeliveryState.Submitted s -> Optional.empty();
      case DeliveryState.Suppressed s -> Optional.empty();
    };
  }

  private static Optional<WebhookEvent> event(
      AccountId account,
      MessageId message,
      String address,
      DeliveryState state,
      EventType type,
      Map<String, Object> data) {
    return Optional.of(
        WebhookEvent.ofMessage(type, state.at(), account, message.value(), address, data));
  }
}
