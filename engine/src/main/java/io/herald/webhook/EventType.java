package io.herald.webhook;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a webhook event reports. All but {@link #PING} are what an endpoint subscribes to; {@link
 * #PING} is sent only on request ({@code POST /api/webhooks/{id}/ping}), to the one endpoint asked
 * for. An SMS reports {@link #DELIVERED} or {@link #FAILED} when its delivery receipts (or their
 * absence) decide it, and {@link #REPLIED} when the phone answers with anything but an opt-out
 * (which is {@link #UNSUBSCRIBED}).
 */
public enum EventType {
  DELIVERED,
  DEFERRED,
  BOUNCED,
  OPENED,
  CLICKED,
  UNSUBSCRIBED,
  COMPLAINED,
  FAILED,
  REPLIED,
  PING;

  /** The name in JSON and in the API: {@code delivered}, {@code bounced}, … */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type a subscription names; empty for anything else (ping included). */
  public static Optional<EventType> subscribable(String wire) {
    for (EventType type : SUBSCRIBABLE) {
      if (type.wire().equals(wire)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Every type an endpoint may subscribe to, in order: what {@code events} defaults to. */
  public static Set<EventType> all() {
    return EnumSet.copyOf(SUBSCRIBABLE);
  }

  private static final Set<EventType> SUBSCRIBABLE = EnumSet.complementOf(EnumSet.of(PING));
}
