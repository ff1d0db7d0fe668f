package io.herald.message;

import io.herald.account.AccountId;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.webhook.WebhookEvents;
import java.time.Duration;
import java.util.Optional;

/**
 * Moves a transactional SMS from {@code submitted} to its final state when its delivery receipt
 * arrives: delivered, or undeliverable, expired, rejected (the network deleted it, too) or unknown.
 * Only a {@code submitted} copy moves, and only once (the store compares and sets), so a receipt
 * that comes twice, or an interim one (enroute, accepted), changes nothing and reports nothing.
 */
final class SmsReceipts {
  private final MessageStore store;
  private final MessageMetrics metrics;
  private final WebhookEvents events;

  SmsReceipts(MessageStore store, MessageMetrics metrics, WebhookEvents events) {
    this.store = store;
    this.metrics = metrics;
    this.events = events;
  }

  boolean record(AccountId account, MessageId id, int recipient, DeliveryReceipt receipt) {
    if (!receipt.state().isFinal()) {
      return false;
    }
    Optional<StoredMessage> message = store.find(account, id);
    if (message.isEmpty() || recipient < 0 || recipient >= message.get().recipients().size()) {
      return false;
    }
    if (!(store.state(account, id, recipient).orElse(null)
        instanceof DeliveryState.Submitted submitted)) {
      return false;
    }
    DeliveryState next = outcome(submitted, receipt);
    if (!store.advance(account, id, recipient, submitted.name(), next)) {
      return false; // another receipt moved it first
    }
    metrics.outcome(next.name());
    if (next instanceof DeliveryState.Delivered) {
      metrics.delivered(Duration.between(message.get().createdAt(), receipt.at()));
    }
    String phone = message.get().recipients().get(recipient);
    MessageEvents.of(account, id, phone, next).ifPresent(events::emit);
    return true;
  }

  private static DeliveryState outcome(DeliveryState.Submitted submitted, DeliveryReceipt r) {
    return switch (r.state()) {
      case DELIVERED ->
          new DeliveryState.Delivered(
              r.at(),
              submitted.attempts(),
              "delivery receipt: delivered" + (r.error().isEmpty() ? "" : ", error " + r.error()));
      case UNDELIVERABLE -> undelivered(r, DeliveryState.Outcome.UNDELIVERABLE);
      case EXPIRED -> undelivered(r, DeliveryState.Outcome.EXPIRED);
      case REJECTED, DELETED -> undelivered(r, DeliveryState.Outcome.REJECTED);
      case UNKNOWN -> undelivered(r, DeliveryState.Outcome.UNKNOWN);
      case ENROUTE, ACCEPTED ->
          throw new IllegalArgumentException("not a final receipt: " + r.state());
    };
  }

  private static DeliveryState undelivered(DeliveryReceipt r, DeliveryState.Outcome outcome) {
    return new DeliveryState.Undelivered(r.at(), outcome, r.error());
  }
}
