package io.herald.message;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one recipient's copy of a transactional message stands, by email or SMS. {@link Queued} and
 * {@link Deferred} are on their way; the others are final and recorded once (a copy reclaimed after
 * a node died finds its recipient final and is not sent again). One exception: an SMS {@link
 * Submitted} to the SMSC is final for sending, and its delivery receipt moves it once more, to
 * {@link Delivered} or {@link Undelivered}. Switch over it exhaustively.
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

  /**
   * The receiving server accepted it; {@code reply} is its answer (for an SMS: its delivery
   * receipt).
   */
  record Delivered(Instant at, int attempts, String reply) implements DeliveryState {}

  /** Refused for good: {@code hard} (no such address), {@code soft} or {@code policy}. */
  record Bounced(Instant at, Kind kind, String reply) implements DeliveryState {
    public Bounced {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * An SMS the SMSC accepted on the {@code attempts}-th try; {@code messageIds} are the SMSC's ids
   * of its parts, in order, which delivery receipts name. Waits for its receipt.
   */
  record Submitted(Instant at, int attempts, List<String> messageIds) implements DeliveryState {
    public Submitted {
      messageIds = List.copyOf(messageIds);
    }
  }

  /**
   * An SMS whose delivery receipt says it did not reach the phone ({@code error}: the SMSC's error
   * code, {@code ""} when none), or that had no receipt in time ({@link Outcome#UNKNOWN}).
   */
  record Undelivered(Instant at, Outcome outcome, String error) implements DeliveryState {
    public Undelivered {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(error, "error");
    }
  }

  /** What an SMS receipt reported other than delivered. */
  enum Outcome {
    /** A hard failure: no such number, or the phone cannot take it. */
    UNDELIVERABLE,
    /** The network gave up after its validity period. */
    EXPIRED,
    /** The network refused or deleted it. */
    REJECTED,
    /** No usable receipt came. */
    UNKNOWN
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

  /**
   * The state's name in the API and in Redis: queued, deferred, delivered, bounced, submitted,
   * undeliverable, expired, rejected, unknown, …
   */
  default String name() {
    return switch (this) {
      case Queued q -> "queued";
      case Deferred d -> "deferred";
      case Delivered d -> "delivered";
      case Bounced b -> "bounced";
      case Submitted s -> "submitted";
      case Undelivered u -> u.outcome().name().toLowerCase(Locale.ROOT);
      case Suppressed s -> "suppressed";
      case Failed f -> "failed";
    };
  }
}
