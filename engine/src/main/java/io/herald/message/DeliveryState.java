package io.herald.message;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one recipient's copy of a transactional message stands. {@link Queued} and {@link Deferred}
 * are on their way; the others are final and recorded once (a copy reclaimed after a node died
 * finds its recipient final and is not sent again). Switch over it exhaustively.
 */
public sealed interface DeliveryState {
  /** When this state was reached. */
  Instant at();

  /** Whether nothing more will be tried for this recipient. */
  default boolean isFinal() {
    return !(this instanceof Queued || this instanceof Deferred);
  }

  /** Accepted, waiting for its first try. */
  record Queued(Instant at) implements DeliveryState {}

  /**
   * Tried {@code attempts} times, not accepted yet ({@code reason}: the last reply); tried again at
   * {@code nextTry}.
   */
  record Deferred(Instant at, int attempts, Instant nextTry, String reason)
      implements DeliveryState {
    public Deferred {
      Objects.requireNonNull(nextTry, "nextTry");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The receiving server accepted it; {@code reply} is its answer. */
  record Delivered(Instant at, int attempts, String reply) implements DeliveryState {}

  /** Refused for good: {@code hard} (no such address), {@code soft} or {@code policy}. */
  record Bounced(Instant at, Kind kind, String reply) implements DeliveryState {
    public Bounced {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reply, "reply");
    }
  }

  /** Not sent: the account suppressed the address (an unsubscribe, a hard bounce, a complaint). */
  record Suppressed(Instant at, String reason) implements DeliveryState {}

  /** Not sent: the message could not be built for this recipient. */
  record Failed(Instant at, String reason) implements DeliveryState {}

  /** The bounce kinds, as {@code io.herald.delivery.SendOutcome.BounceKind}. */
  enum Kind {
    HARD,
    SOFT,
    POLICY
  }

  /** The state's name in the API and in Redis: queued, deferred, delivered, bounced, … */
  default String name() {
    return switch (this) {
      case Queued q -> "queued";
      case Deferred d -> "deferred";
      case Delivered d -> "delivered";
      case Bounced b -> "bounced";
      case Suppressed s -> "suppressed";
      case Failed f -> "failed";
    };
  }
}
