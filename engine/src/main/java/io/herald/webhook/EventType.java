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
 * (which is {@link #UNSUBSCRIBED}). A Viber campaign's recipient adds Viber's own: {@link
 * #VIBER_DELIVERED}, {@link #VIBER_SEEN}, {@link #VIBER_FAILED}, and {@link #FALLBACK_SENT} when
 * the SMS went instead; their names on the wire are dotted ({@code viber.delivered}).
 */
public enum EventType {
  DELIVERED,
  DEFERRED,
  BOUNCED,
  OPENED,
  CLICKED,
  UNSUBSCRIBED,
  COMPLAINED,
  /**
   * A message that will not arrive: a transactional copy refused or out of retries, or an SMS whose
   * receipts (or their absence) say it was not delivered.
   */
  FAILED,
  REPLIED,
  /** Viber delivered a campaign's message to the recipient's app. */
  VIBER_DELIVERED("viber.delivered"),
  /** The recipient's Viber showed them the message (Viber's "seen"). */
  VIBER_SEEN("viber.seen"),
  /** Viber could not deliver the message: undelivered, expired, or the number has no Viber. */
  VIBER_FAILED("viber.failed"),
  /** The campaign's SMS fallback went out to a recipient Viber could not reach. */
  FALLBACK_SENT("fallback.sent"),
  PING;

  private final String wire;

  EventType() {
    this.wire = name().toLowerCase(Locale.ROOT);
  }

  EventType(String wire) {
    this.wire = wire;
  }

  /** The name in JSON and in the API: {@code delivered}, {@code bounced}, {@code viber.seen}… */
  public String wire() {
    return wire;
  }

  /** The type of a name on the wire (as stored), ping included; empty for an unknown name. */
  public static Optional<EventType> ofWire(String wire) {
    for (EventType type : values()) {
      if (type.wire.equals(wire)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The type a subscription names; empty for anything else (ping included). */
  public static Optional<EventType> subscribable(String wire) {
    return ofWire(wire).filter(SUBSCRIBABLE::contains);
  }

  /** Every type an endpoint may subscribe to, in order: what {@code events} defaults to. */
  public static Set<EventType> all() {
    return EnumSet.copyOf(SUBSCRIBABLE);
  }

  private static final Set<EventType> SUBSCRIBABLE = EnumSet.complementOf(EnumSet.of(PING));
}
