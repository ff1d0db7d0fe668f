package io.herald.webhook;

import io.herald.account.AccountId;

/**
 * Where delivery and engagement code reports events for webhooks. {@link #emit} never blocks and
 * never throws: at worst the event is dropped and counted, because a webhook must never slow down
 * or fail the delivery it reports on.
 */
@FunctionalInterface
public interface WebhookEvents {
  /** Ignores every event (parts built without webhooks, such as tools and some tests). */
  WebhookEvents NONE = event -> {};

  void emit(WebhookEvent event);

  /**
   * False when no endpoint of the account is known to want events of this type, so a caller on a
   * hot path can skip building the event; true when that is not known (emit decides then).
   */
  default boolean wants(AccountId account, EventType type) {
    return true;
  }
}
