package io.herald.webhook;

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
}
