package io.herald.canary;

import java.util.Optional;

/**
 * The canary's metrics: their names in a report, what their rate is taken over, and which way is
 * bad. Email's bounces are over finalised messages (every message with a final outcome, delivered
 * or not), because a bounce can only happen to a message that was tried; complaints, unsubscribes,
 * opens and clicks are over delivered messages, because only a delivered message can be read. SMS's
 * failures are over receipted messages (those whose fate a receipt told), its opt-outs and clicks
 * over accepted ones (see {@link SmsCanaryCounts#accepted()}). Viber's seen is over Viber-delivered
 * messages, its undelivered over reported ones, its opt-outs and clicks over accepted ones, its
 * fallback SMS's rejections over their receipts (see {@link ViberCanaryCounts}). Labels are unique:
 * a report line finds its metric by its label.
 */
enum Metric {
  DELIVERED("delivered", "sent", Direction.INFO),
  HARD_BOUNCES("hard bounces", "finalised", Direction.BAD_WHEN_HIGH),
  SOFT_BOUNCES("soft bounces", "finalised", Direction.BAD_WHEN_HIGH),
  POLICY_BLOCKS("policy blocks", "finalised", Direction.BAD_WHEN_HIGH),
  HUMAN_OPENS("human opens", "delivered", Direction.BAD_WHEN_LOW),
  HUMAN_CLICKS("human clicks", "delivered", Direction.INFO),
  UNSUBSCRIBES("unsubscribes", "delivered", Direction.BAD_WHEN_HIGH),
  COMPLAINTS("complaints", "delivered", Direction.BAD_WHEN_HIGH),
  SMS_UNDELIVERABLE("undeliverable", "receipted", Direction.BAD_WHEN_HIGH),
  SMS_REJECTED("rejected", "receipted", Direction.BAD_WHEN_HIGH),
  SMS_EXPIRED("expired", "receipted", Direction.INFO),
  SMS_UNKNOWN("unknown", "sent", Direction.INFO),
  SMS_OPT_OUTS("opt-outs", "accepted", Direction.BAD_WHEN_HIGH),
  SMS_CLICKS("link clicks", "accepted", Direction.INFO),
  VIBER_DELIVERED("Viber delivered", "sent", Direction.INFO),
  VIBER_SEEN("seen", "Viber delivered", Direction.BAD_WHEN_LOW),
  VIBER_UNDELIVERED("undelivered", "reported", Direction.BAD_WHEN_HIGH),
  VIBER_NOT_VIBER_USERS("not Viber users", "sent", Direction.INFO),
  VIBER_FALLEN_BACK("fallen back to SMS", "sent", Direction.INFO),
  VIBER_SMS_DELIVERED("SMS delivered", "fallen back", Direction.INFO),
  VIBER_SMS_REJECTED("SMS rejected", "receipted SMS", Direction.BAD_WHEN_HIGH),
  VIBER_OPT_OUTS("opt-outs and blocks", "accepted", Direction.BAD_WHEN_HIGH),
  VIBER_CLICKS("button and link clicks", "accepted", Direction.INFO);

  enum Direction {
    BAD_WHEN_HIGH,
    BAD_WHEN_LOW,
    INFO
  }

  final String label;
  final String base;
  final Direction direction;

  Metric(String label, String base, Direction direction) {
    this.label = label;
    this.base = base;
    this.direction = direction;
  }

  static Optional<Metric> ofLabel(String label) {
    for (Metric m : values()) {
      if (m.label.equals(label)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
