package io.herald.message;

import io.herald.account.AccountId;
import io.herald.channel.sms.DeliveryReceipt;
import java.time.Duration;
import java.util.Optional;

/**
 * Moves a transactional SMS from {@code submitted} to its final state when its delivery receipt
 * decides it: delivered, or undeliverable, expired (the SMSC deleted it, too), rejected or unknown.
 * Only a copy that is {@code submitted}, or not final yet (a receipt that overtook the worker's
 * recording of {@code submitted}), moves, and only once (the store compares and sets), so a receipt
 * that comes twice, or an interim one (enroute, accepted), changes nothing. Webhooks are the
 * caller's to report when this returns true (the SMS feedback knows whether every part was decided
 * and whether the receipt timed out), so an outcome is reported once.
 */
final class SmsReceipts {
  private final MessageStore store;
  private final MessageMetrics metrics;

  SmsReceipts(MessageStore store, MessageMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  boolean record(AccountId account, MessageId id, int recipient, DeliveryReceipt receipt) {
    if (!receipt.state().isFinal()) {
      return false;
    }
    Optional<StoredMessage> message = store.find(account, id);
    if (message.isEmpty() || recipient < 0 || recipient >= message.get().recipients().size()) {
      return false;
    }
    DeliveryState current = store.state(account, id, recipient).orElse(null);
    if (current == null || (current.isFinal() && !(current instanceof DeliveryState.Submitted))) {
      return false;
    }
    DeliveryState next = outcome(attempts(current), receipt);
    if (!store.advance(account, id, recipient, SUBMITTED, next)) {
      return false; // another receipt moved it first
    }
    metrics.outcome(next.name());
    if (next instanceof DeliveryState.Delivered) {
      metrics.delivered(Duration.between(message.get().createdAt(), receipt.at()));
    }
    return true;
  }

  private static final String SUBMITTED = "submitted";

  /** The try the receipt is about: the submitted one, or the one in flight when it overtook it. */
  private static int attempts(DeliveryState current) {
    return switch (current) {
      case DeliveryState.Submitted s -> s.attempts();
      case DeliveryState.Deferred d -> d.attempts() + 1;
      default -> 1;
    };
  }

  private static DeliveryState outcome(int attempts, DeliveryReceipt r) {
    return switch (r.state()) {
      case DELIVERED ->
          new DeliveryState.Delivered(
              r.at(),
              attempts,
              "delivery receipt: delivered" + (r.error().isEmpty() ? "" : ", error " + r.error()));
      case UNDELIVERABLE -> undelivered(r, DeliveryState.Outcome.UNDELIVERABLE);
      // DELETED: the SMSC removed it undelivered (Herald never cancels one); not the number's fault
      case EXPIRED, DELETED -> undelivered(r, DeliveryState.Outcome.EXPIRED);
      case REJECTED -> undelivered(r, DeliveryState.Outcome.REJECTED);
      case UNKNOWN -> undelivered(r, DeliveryState.Outcome.UNKNOWN);
      case ENROUTE, ACCEPTED ->
          throw new IllegalArgumentException("not a final receipt: " + r.state());
    };
  }

  private static DeliveryState undelivered(DeliveryReceipt r, DeliveryState.Outcome outcome) {
    return new DeliveryState.Undelivered(r.at(), outcome, r.error());
  }
}
